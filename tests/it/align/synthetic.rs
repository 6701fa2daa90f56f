//! A small parallel report written for these tests (not taken from any
//! corpus): paragraphs of Bokmål sentences and their English translations,
//! plus helpers to turn them into segments.

#![allow(dead_code)]

use tolk::read::BlockKind;
use tolk::segment::Segment;

/// (kind, Bokmål sentences, English sentences), one entry per block.
pub type Para = (BlockKind, Vec<&'static str>, Vec<&'static str>);

/// The fixture: a heading, paragraphs, a list and a fact box.
pub fn report() -> Vec<Para> {
    use BlockKind::*;
    vec![
        (Heading, vec!["Trusselvurdering 2026"], vec!["Threat Assessment 2026"]),
        (
            Paragraph,
            vec![
                "Denne vurderingen beskriver de viktigste truslene mot Norge det kommende året.",
                "Den bygger på informasjon samlet inn fram til 15. januar 2026.",
                "Vurderingen er ugradert og kan deles fritt.",
            ],
            vec![
                "This assessment describes the most important threats to Norway in the coming year.",
                "It is based on information gathered up to 15 January 2026.",
                "The assessment is unclassified and may be shared freely.",
            ],
        ),
        (Heading, vec!["Statlige aktører"], vec!["State actors"]),
        (
            Paragraph,
            vec![
                "Russland er fortsatt den største etterretningstrusselen.",
                "I 2025 ble 14 personer utvist for spionasje, mot 9 året før.",
                "Kina retter særlig interesse mot forskning og teknologi.",
                "Iran overvåker opposisjonelle i eksil, også i Oslo og Bergen.",
            ],
            vec![
                "Russia remains the greatest intelligence threat.",
                "In 2025, 14 people were expelled for espionage, compared with 9 the year before.",
                "China takes a particular interest in research and technology.",
                "Iran monitors dissidents in exile, including in Oslo and Bergen.",
            ],
        ),
        (
            Paragraph,
            vec![
                "Digitale angrep mot kritisk infrastruktur har økt med 35 prosent.",
                "De fleste angrepene stanses før de gjør skade.",
                "Likevel kan et enkelt vellykket angrep få alvorlige følger for samfunnet.",
            ],
            vec![
                "Digital attacks on critical infrastructure have increased by 35 per cent.",
                "Most of the attacks are stopped before they do any harm.",
                "Even so, a single successful attack could have serious consequences for society.",
            ],
        ),
        (
            Caption,
            vec!["Figur 2: Antall utvisninger 2020–2025."],
            vec!["Figure 2: Number of expulsions 2020–2025."],
        ),
        (Heading, vec!["Terrortrusselen"], vec!["The terrorist threat"]),
        (
            Paragraph,
            vec![
                "Terrortrusselen vurderes som moderat.",
                "Det er mulig at ekstreme islamister eller høyreekstreme vil forsøke å gjennomføre et angrep.",
                "Unge personer radikaliseres raskere enn før, ofte på nett.",
            ],
            vec![
                "The terrorist threat is assessed as moderate.",
                "It is possible that extreme Islamists or right-wing extremists will attempt to carry out an attack.",
                "Young people are radicalised faster than before, often online.",
            ],
        ),
        (
            ListItem,
            vec!["Flere saker involverer personer under 18 år."],
            vec!["More cases involve people under the age of 18."],
        ),
        (
            ListItem,
            vec!["Sosiale medier brukes til rekruttering og propaganda."],
            vec!["Social media are used for recruitment and propaganda."],
        ),
        (
            Paragraph,
            vec![
                "Faktaboks: PST er Norges nasjonale sikkerhetstjeneste.",
                "Tjenesten har rundt 1 250 ansatte og ledes fra Nydalen.",
            ],
            vec![
                "Fact box: PST is Norway's national security service.",
                "The service has around 1,250 employees and is headed from Nydalen.",
            ],
        ),
        (Heading, vec!["Sabotasje og påvirkning"], vec!["Sabotage and influence"]),
        (
            Paragraph,
            vec![
                "Påvirkningsoperasjoner søker å svekke tilliten til myndighetene.",
                "Falske nettsteder etterligner norske aviser.",
                "Før valget i september forventer vi flere slike forsøk.",
                "Befolkningen bør være kritisk til kilder de ikke kjenner.",
            ],
            vec![
                "Influence operations seek to weaken trust in the authorities.",
                "Fake websites imitate Norwegian newspapers.",
                "Ahead of the election in September, we expect more such attempts.",
                "The public should be critical of sources they do not know.",
            ],
        ),
        (
            Paragraph,
            vec![
                "Sabotasje mot energiforsyningen er et realistisk scenario.",
                "Rørledningene i Nordsjøen er særlig utsatt.",
            ],
            vec![
                "Sabotage against the energy supply is a realistic scenario.",
                "The pipelines in the North Sea are particularly exposed.",
            ],
        ),
    ]
}

/// Segments of one side of `paras` (`nb` picks the Bokmål side), with
/// block indices and kinds as the segmenter would give them.
pub fn segments(paras: &[Para], nb: bool) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut pos = 0;
    for (k, (kind, a, b)) in paras.iter().enumerate() {
        for text in if nb { a } else { b } {
            out.push(Segment {
                para: k,
                kind: *kind,
                bytes: pos..pos + text.len(),
                text: text.to_string(),
                marker: None,
            });
            pos += text.len() + 1;
        }
        pos += 1;
    }
    out
}

/// The correct 1-1 links of an unperturbed fixture: (src index, tgt index).
pub fn links(paras: &[Para]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    for (_, a, b) in paras {
        assert_eq!(a.len(), b.len());
        for _ in a {
            out.push((k, k));
            k += 1;
        }
    }
    out
}
