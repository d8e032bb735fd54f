/// How an emulated `REP OUTSW`/`REP INSW` traps.
///
/// **Model constant, UNCONFIRMED** (fact sheet §2.1 and §8 item 2): no public source says whether
/// Hyper-V's IDE emulation takes one VM exit per 16-bit word or one per string instruction. The
/// model's default is one exit per word, the naive count the fact sheet uses (≈264 intercepts per
/// 512-byte sector); lessons must say so.
public enum StringIOTrapping: String, Sendable, CaseIterable {
  case perWord
  case perString
}
