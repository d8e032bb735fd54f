import HVTestSupport
import HVTrace
import Testing

@testable import HVSite

/// Every word of the model a reader sees is in the page's language (issue 16 item 2): the
/// course's scenarios produce no phrase the other languages leave untranslated, no English
/// sentence hides inside an argument, and the built pages mark no model label as English.
@Suite struct PhraseCoverageTests {
  static let languages = ["vi"]

  @Test(arguments: languages)
  func everyPhraseOfTheCourseIsTranslated(_ language: String) throws {
    let coverage = try PhraseCoverage.of(Repository.contentSnapshot(), language: language).get()
    #expect(coverage.entries.count > 100, "the course's traces use many phrases")
    let missing = coverage.missing.map { "\($0.template) (in \($0.example))" }
    #expect(
      missing.isEmpty,
      "\(missing.count) phrases have no translation; run `swift run hvwalk phrases \(language) --missing`:\n\(missing.prefix(20).joined(separator: "\n"))"
    )
  }

  /// An argument is verbatim — the same in every language — only when it is an identifier, a
  /// number, a path or a value from the scenario; a run of lower-case English words in one
  /// means a sentence of the model's was passed as a `String` instead of a `Phrase`.
  @Test func noEnglishSentenceHidesInAnArgument() throws {
    let content = try Repository.contentSnapshot()
    let runs = try PhraseCoverage.runs(content)
    var found: [String: String] = [:]
    for run in runs {
      for phrase in PhraseCoverage.phrases(of: run.trace) {
        for text in Self.verbatimArguments(phrase) where Self.looksLikeEnglish(text) {
          found[text] = found[text] ?? "\(phrase.template) (in \(run.id))"
        }
      }
    }
    let report = found.keys.sorted().map { "'\($0)' in \(found[$0]!)" }
    #expect(report.isEmpty, "\(report.count):\n\(report.joined(separator: "\n"))")
  }

  @Test func theWordDetectorFindsSentencesNotIdentifiers() {
    #expect(Self.looksLikeEnglish("the guest has no channel"))
    #expect(Self.looksLikeEnglish("shut down"))
    #expect(Self.looksLikeEnglish(", force"))
    #expect(Self.looksLikeEnglish("into"))
    for text in [
      "CHANNELMSG_OFFERCHANNEL", "0x1F7", "C:\\Temp\\Test.txt", "/tmp/a b.txt", "Web team",
      "Windows Server 2019 Datacenter", "2 s", "944.808 ms", "HV_E_FAIL (0x80004005)",
      "Stop-VM 'WEB01' -Force", "vmbus_sendpacket()", "storvsc", "", "x86_64",
    ] {
      #expect(!Self.looksLikeEnglish(text), "\(text)")
    }
  }

  /// Lower-case words that are names, not English: drivers and components the trace names.
  static let identifiers: Set<String> = [
    "storvsc", "storvsp", "netvsc", "netvsp", "vmswitch", "vmbus", "hyperv", "nul",
  ]

  /// Two lower-case English words in a row ("the guest", "shut down") outside quotes, or one
  /// lower-case word alone or with punctuation (", force", "read", "ies") that is not a name.
  static func looksLikeEnglish(_ text: String) -> Bool {
    let letters = text.filter { !" ,;:()".contains($0) }
    if !letters.isEmpty, letters.allSatisfy({ $0.isASCII && $0.isLowercase && $0.isLetter }),
      !identifiers.contains(letters), !letters.hasPrefix("vmic"), !text.hasSuffix("()")
    {
      return true
    }
    var quoted = false
    var words: [Substring] = []
    var unquoted = ""
    for character in text {
      if character == "'" { quoted.toggle(); continue }
      if !quoted { unquoted.append(character) }
    }
    words = unquoted.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == ":" })
    var run = 0
    for word in words {
      let isWord = word.count >= 2 && word.allSatisfy { $0.isASCII && $0.isLowercase && $0.isLetter }
      run = isWord ? run + 1 : 0
      if run >= 2 { return true }
    }
    return false
  }

  static func verbatimArguments(_ phrase: Phrase) -> [String] {
    phrase.arguments.flatMap { argument -> [String] in
      switch argument {
      case .verbatim(let text): [text]
      case .phrase(let nested): verbatimArguments(nested)
      case .duration: []
      }
    }
  }

  @Test func aTranslatedPhraseKeepsItsArgumentsAndTranslatesNestedOnes() {
    let reason: Phrase = "the guest is gone"
    let phrase: Phrase = "\("Copy-VMFile") fails: \(reason); \(3) bytes"
    #expect(phrase.template == "{1} fails: {2}; {3} bytes")
    #expect(phrase.description == "Copy-VMFile fails: the guest is gone; 3 bytes")
    let book = PhraseBook([
      "{1} fails: {2}; {3} bytes": "{1} thất bại: {2}; {3} byte",
      "the guest is gone": "máy ảo không còn",
    ])
    #expect(book.render(phrase) == ("Copy-VMFile thất bại: máy ảo không còn; 3 byte", false))
    let partial = PhraseBook(["{1} fails: {2}; {3} bytes": "{1} thất bại: {2}; {3} byte"])
    #expect(partial.render(phrase) == ("Copy-VMFile thất bại: the guest is gone; 3 byte", true))
    #expect(PhraseBook.english.render(phrase) == (phrase.description, false))
  }

  @Test func durationsUseTheLanguagesDecimalSeparator() {
    let phrase: Phrase = "\(duration: 944_808_000) pass"
    #expect(phrase.description == "944.808 ms pass")
    var book = PhraseBook(["{1} pass": "{1} trôi qua"])
    book.decimalSeparator = ","
    #expect(book.render(phrase).text == "944,808 ms trôi qua")
  }

  @Test func aPhrasesFileKeepsEveryPlaceholder() {
    let (book, problems) = PhraseCatalogue.parse(
      """
      "{1} fails: {2}": "{1} thất bại"
      "resume the guest": "tiếp tục chạy máy ảo {1}"
      "ok {1}": "được {1}"

      """, displayPath: "strings/phrases/vi.yaml")
    #expect(
      problems.map(\.description) == [
        "strings/phrases/vi.yaml:1:19: error: the translation of '{1} fails: {2}' leaves out {2}; keep each of {1} {2} exactly once",
        "strings/phrases/vi.yaml:2:21: error: the translation of 'resume the guest' uses {1}, which the English has not; the English has no placeholders: write the text only",
      ])
    #expect(book.translations == ["ok {1}": "được {1}"])
  }

  /// The built Vietnamese pages: no transcript label, loop title or host-log line is marked as
  /// English.
  @Test func noModelLabelOnAVietnamesePageIsEnglish() throws {
    let site = try #require(try BuiltCourse.site())
    var english: [String] = []
    for file in site.files where file.path.hasPrefix("vi/") && file.path.hasSuffix(".html") {
      let html = String(decoding: file.bytes, as: UTF8.self)
      for marker in [
        "class=\"hv-label\" lang=\"en\"", "class=\"hv-loop-label\" lang=\"en\"", "<td lang=\"en\">",
        "=yes", "=no ", "signal_rule=ring was",
      ]
      where html.contains(marker) {
        english.append("\(file.path): \(marker)")
      }
    }
    #expect(english.isEmpty, "\(english.prefix(10))")
  }
}
