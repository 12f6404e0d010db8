use std::time::Instant;
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let store = thuky::store::Store::open(&thuky::service::store_dir(&dir)).unwrap();
    for name in [thuky::store::Name::Orgs, thuky::store::Name::Admissions, thuky::store::Name::Classes] {
        let t = Instant::now();
        let mut bytes = 0; let mut n = 0;
        let mut vals = Vec::new();
        for item in store.tree(name).iter() { let (_k, v) = item.unwrap(); bytes += v.len(); n += 1; vals.push(v); }
        let t1 = t.elapsed();
        let mut cnt = 0;
        for v in &vals { let x: serde_json::Value = serde_json::from_slice(v).unwrap(); cnt += x.is_object() as usize; }
        let t2 = t.elapsed();
        println!("{name:?}: {n} records {bytes} bytes, iterate {t1:?}, +decode(Value) {t2:?} {cnt}");
    }
    let t = Instant::now();
    let v: Vec<thuky::domain::Org> = store.tree(thuky::store::Name::Orgs).iter().map(|i| serde_json::from_slice(&i.unwrap().1).unwrap()).collect();
    println!("orgs typed: {:?} {}", t.elapsed(), v.len());
    let t = Instant::now();
    let v: Vec<thuky::domain::Admissions> = store.tree(thuky::store::Name::Admissions).iter().map(|i| serde_json::from_slice(&i.unwrap().1).unwrap()).collect();
    println!("adm typed: {:?} {}", t.elapsed(), v.len());
}
