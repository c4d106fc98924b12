// Scratch (not committed): FD_BIZ=path FD_TEXT=... cargo test --test zz_scratch -- --nocapture
use frontdesk::domain::BusinessProfile;
use frontdesk::engine::understand as u;
#[test]
fn scratch() {
    let Ok(path) = std::env::var("FD_BIZ") else {
        return;
    };
    let p = BusinessProfile::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap();
    for text in std::env::var("FD_TEXT").unwrap().split('|') {
        let m = u::score_services(text, &p);
        println!("TEXT {text}");
        if let Some(m) = m {
            println!(
                "  best={} score={:.2} runner={:?} named={} cov={:.2}",
                p.services[m.best].name,
                m.score,
                m.runner_up.map(|r| &p.services[r].name),
                m.named,
                m.coverage
            );
        } else {
            println!("  none");
        }
        println!(
            "  topics={:?} question={} faq={:?}",
            u::topics(text, &p),
            u::is_question(text),
            u::best_faq(text, &p)
        );
    }
}
#[test]
fn scratch_names() {
    let Ok(t) = std::env::var("FD_NAMES") else {
        return;
    };
    for text in t.split('|') {
        println!(
            "NAME {text:?} -> {:?} addr={:?}",
            u::extract_name(text),
            u::extract_address(text)
        );
    }
}
