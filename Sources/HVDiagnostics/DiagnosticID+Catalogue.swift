/// Every stable diagnostic id of hvwalk, in one place: what each one means, so the ids an author
/// or a test sees are documented once and no two parts of the code invent the same id for
/// different problems (or two ids for one). `DiagnosticCatalogueTests` checks that the ids are
/// unique, well formed, all listed in ``catalogue``, and that no source file spells one out.
///
/// Ids read `area.problem`; the area is the kind of file or feature (`yaml`, `lesson`,
/// `scenario`, `directive`, …), not the module that reports it.
extension DiagnosticID {
  // MARK: Content files (HVSite)

  /// A content file is not valid UTF-8.
  public static let contentNotUtf8 = DiagnosticID("content.not-utf8")
  /// The content folder has no `site.yaml`.
  public static let siteMissingConfig = DiagnosticID("site.missing-config")

  // MARK: YAML syntax and mappings (site.yaml, strings, front matter)

  /// The YAML parser rejected the text (the message quotes its reason).
  public static let yamlSyntax = DiagnosticID("yaml.syntax")
  /// A line is indented with a tab, which YAML forbids (also reported for scenario files).
  public static let yamlTabIndentation = DiagnosticID("yaml.tab-indentation")
  /// A YAML mapping names the same key twice.
  public static let yamlDuplicateKey = DiagnosticID("yaml.duplicate-key")
  /// A YAML value that must be a mapping of keys is something else.
  public static let yamlExpectedMapping = DiagnosticID("yaml.expected-mapping")
  /// A YAML mapping has a key its schema does not know (with "did you mean").
  public static let yamlUnknownKey = DiagnosticID("yaml.unknown-key")
  /// A YAML mapping lacks a required key.
  public static let yamlMissingKey = DiagnosticID("yaml.missing-key")
  /// A YAML value has the wrong type, is empty or out of range (the default of value checks).
  public static let yamlInvalidValue = DiagnosticID("yaml.invalid-value")

  // MARK: Interface strings and theme

  /// A strings file is not a mapping of keys to text.
  public static let stringsExpectedMapping = DiagnosticID("strings.expected-mapping")
  /// A string's text is empty or not text.
  public static let stringsInvalidValue = DiagnosticID("strings.invalid-value")
  /// A site language has no `strings/<lang>.yaml`.
  public static let stringsMissingFile = DiagnosticID("strings.missing-file")
  /// A strings file lacks a key the diagrams and walkthroughs need.
  public static let stringsMissingRequiredKey = DiagnosticID("strings.missing-required-key")
  /// A language's strings file has a key the default language's file does not.
  public static let stringsUnknownKey = DiagnosticID("strings.unknown-key")
  /// A language's strings file lacks a key the default language's file defines.
  public static let stringsMissingKey = DiagnosticID("strings.missing-key")
  /// A translated model phrase (`strings/phrases/<lang>.yaml`) does not use exactly the `{n}`
  /// placeholders of its English template.
  public static let phrasesPlaceholders = DiagnosticID("phrases.placeholders")
  /// A lesson or a strings file uses a word the language's terminology file
  /// (`terminology/<lang>.yaml`) lists as a variant to avoid.
  public static let terminologyAvoidedVariant = DiagnosticID("terminology.avoided-variant")
  /// A terminology file is not a list of `{concept, use, avoid}` entries.
  public static let terminologyInvalidFile = DiagnosticID("terminology.invalid-file")
  /// A template uses `strings.<key>` that the default language does not define.
  public static let themeUnknownString = DiagnosticID("theme.unknown-string")
  /// The theme lacks a template the site renders with.
  public static let themeMissingTemplate = DiagnosticID("theme.missing-template")
  /// A Mustache template does not parse.
  public static let themeTemplateSyntax = DiagnosticID("theme.template-syntax")

  // MARK: Lessons

  /// A lesson does not start with front matter between `---` lines.
  public static let lessonMissingFrontMatter = DiagnosticID("lesson.missing-front-matter")
  /// A lesson's front matter has no closing `---` line.
  public static let lessonUnclosedFrontMatter = DiagnosticID("lesson.unclosed-front-matter")
  /// A file under `lessons/` is not at `lessons/<language>/<slug>.md`.
  public static let lessonMisplacedFile = DiagnosticID("lesson.misplaced-file")
  /// A lesson's folder is not one of the site's languages.
  public static let lessonUnknownLanguage = DiagnosticID("lesson.unknown-language")
  /// A lesson's file name is not a valid URL slug (a–z, 0–9, `-`).
  public static let lessonInvalidSlug = DiagnosticID("lesson.invalid-slug")
  /// A lesson file is named like a page the generator writes itself (`index`, `print`, `404`).
  public static let lessonReservedSlug = DiagnosticID("lesson.reserved-slug")
  /// Two headings or figures of one page define the same element id.
  public static let lessonDuplicateAnchor = DiagnosticID("lesson.duplicate-anchor")
  /// A lesson exists in one language but not in another.
  public static let lessonMissingTranslation = DiagnosticID("lesson.missing-translation")
  /// The same lesson has a different `order` in two languages.
  public static let lessonOrderMismatch = DiagnosticID("lesson.order-mismatch")
  /// Two lessons of one language share an `order`.
  public static let lessonDuplicateOrder = DiagnosticID("lesson.duplicate-order")

  // MARK: Links in lessons

  /// A link uses `javascript:`, `vbscript:`, `data:` or `file:`.
  public static let linkUnsafeScheme = DiagnosticID("link.unsafe-scheme")
  /// An image is loaded from outside the site.
  public static let linkExternalImage = DiagnosticID("link.external-image")
  /// A link is an absolute path, which breaks the site in a folder or on `file://`.
  public static let linkAbsolutePath = DiagnosticID("link.absolute-path")
  /// A link leads to no page or file of the built site.
  public static let linkMissingTarget = DiagnosticID("link.missing-target")
  /// A link's `#anchor` matches no heading or figure of its target page.
  public static let linkUnknownAnchor = DiagnosticID("link.unknown-anchor")

  // MARK: Directives

  /// A directive has the wrong number of arguments.
  public static let directiveArgumentCount = DiagnosticID("directive.argument-count")
  /// A directive has an option it does not take.
  public static let directiveUnknownOption = DiagnosticID("directive.unknown-option")
  /// A `whatif` names no setting or two, too few or too many values, or a value the setting does
  /// not have or that does not apply to the scenario.
  public static let directiveInvalidWhatIf = DiagnosticID("directive.invalid-whatif")
  /// A directive gives one option twice.
  public static let directiveDuplicateOption = DiagnosticID("directive.duplicate-option")
  /// A directive option has no value after `=`.
  public static let directiveEmptyOption = DiagnosticID("directive.empty-option")
  /// A directive or inline counter names a scenario that does not exist.
  public static let directiveUnknownScenario = DiagnosticID("directive.unknown-scenario")
  /// `trace … step=N` names a step the scenario does not have.
  public static let directiveInvalidStep = DiagnosticID("directive.invalid-step")
  /// `trace … collapse=` is not `partition`.
  public static let directiveInvalidCollapse = DiagnosticID("directive.invalid-collapse")
  /// `trace … messages=A-B` is not a range of the diagram's message numbers.
  public static let directiveInvalidMessages = DiagnosticID("directive.invalid-messages")
  /// `compare` names the same scenario twice.
  public static let directiveCompareSame = DiagnosticID("directive.compare-same")
  /// `sweep` has no range, or its range is not sizes from small to large within the limits.
  public static let directiveSweepRange = DiagnosticID("directive.sweep-range")
  /// `sweep … counters=` names a counter that does not exist.
  public static let directiveSweepCounter = DiagnosticID("directive.sweep-counter")
  /// `sweep` names a scenario with no disk transfer to resize.
  public static let directiveSweepNothingToVary = DiagnosticID("directive.sweep-nothing-to-vary")
  /// `sweep` names the same scenario twice.
  public static let directiveSweepRepeated = DiagnosticID("directive.sweep-repeated")
  /// `sweep` would need more points or runs than one figure may make.
  public static let directiveSweepTooLarge = DiagnosticID("directive.sweep-too-large")
  /// A `self-check` block has no questions.
  public static let selfCheckEmpty = DiagnosticID("self-check.empty")

  // MARK: Inline counters ({{count}}, {{ratio}}, {{duration}}, {{detail}})

  /// A `{{` is never closed.
  public static let counterUnclosed = DiagnosticID("counter.unclosed")
  /// A `{{}}` has nothing inside.
  public static let counterEmpty = DiagnosticID("counter.empty")
  /// An inline counter's function is not `count`, `ratio`, `duration` or `detail`.
  public static let counterUnknownFunction = DiagnosticID("counter.unknown-function")
  /// An inline counter has the wrong number of arguments.
  public static let counterArguments = DiagnosticID("counter.arguments")
  /// An inline counter has an option other than `step=` or `as=`.
  public static let counterUnknownOption = DiagnosticID("counter.unknown-option")
  /// An inline counter's `step=N` names a step the scenario does not have.
  public static let counterInvalidStep = DiagnosticID("counter.invalid-step")
  /// An inline counter names a counter the trace does not derive.
  public static let counterUnknownCounter = DiagnosticID("counter.unknown-counter")
  /// `{{ratio}}` would divide by a counter that is 0.
  public static let counterRatioZero = DiagnosticID("counter.ratio-zero")
  /// `{{detail}}` names a message number the scenario does not have.
  public static let counterInvalidMessage = DiagnosticID("counter.invalid-message")
  /// `{{detail}}` names a detail key the message does not carry.
  public static let counterUnknownDetail = DiagnosticID("counter.unknown-detail")
  /// `{{detail … as=…}}` asks for a number from a detail that is text.
  public static let counterDetailNotANumber = DiagnosticID("counter.detail-not-a-number")

  // MARK: Scenario files (HVScenario)

  /// A file under `scenarios/` is not at `scenarios/<id>.yaml`.
  public static let scenarioMisplacedFile = DiagnosticID("scenario.misplaced-file")
  /// The YAML parser rejected a scenario file (the message quotes its reason).
  public static let scenarioYaml = DiagnosticID("scenario.yaml")
  /// A scenario file is empty.
  public static let scenarioEmpty = DiagnosticID("scenario.empty")
  /// A scenario value that must be a mapping is something else.
  public static let scenarioExpectedMapping = DiagnosticID("scenario.expected-mapping")
  /// A scenario value that must be a single value is a list or mapping.
  public static let scenarioExpectedScalar = DiagnosticID("scenario.expected-scalar")
  /// A scenario's `steps` is not a list.
  public static let scenarioExpectedSequence = DiagnosticID("scenario.expected-sequence")
  /// A scenario mapping has a key its schema does not know (with "did you mean").
  public static let scenarioUnknownKey = DiagnosticID("scenario.unknown-key")
  /// A scenario mapping or step lacks a required key.
  public static let scenarioMissingKey = DiagnosticID("scenario.missing-key")
  /// A scenario value is not one of the allowed values, or out of range.
  public static let scenarioInvalidValue = DiagnosticID("scenario.invalid-value")
  /// A scenario list names the same value twice.
  public static let scenarioDuplicateValue = DiagnosticID("scenario.duplicate-value")
  /// A scenario's title or summary is empty in one language.
  public static let scenarioEmptyText = DiagnosticID("scenario.empty-text")
  /// A scenario id uses characters other than a–z, 0–9 and `-`.
  public static let scenarioInvalidId = DiagnosticID("scenario.invalid-id")
  /// A scenario's `id` differs from its file name.
  public static let scenarioIdMismatch = DiagnosticID("scenario.id-mismatch")
  /// Two scenario files declare the same id.
  public static let scenarioDuplicateId = DiagnosticID("scenario.duplicate-id")
  /// A scenario's `steps` list is empty.
  public static let scenarioNoSteps = DiagnosticID("scenario.no-steps")
  /// A scenario has more steps than the limit.
  public static let scenarioTooManySteps = DiagnosticID("scenario.too-many-steps")
  /// A step is neither a name nor a one-key mapping.
  public static let scenarioInvalidStep = DiagnosticID("scenario.invalid-step")
  /// A step name is not one the scenario format knows.
  public static let scenarioUnknownStep = DiagnosticID("scenario.unknown-step")
  /// A step's value is missing, present where none is taken, or of the wrong shape.
  public static let scenarioStepValue = DiagnosticID("scenario.step-value")
  /// A step's size is malformed, zero or larger than a step may move.
  public static let scenarioInvalidSize = DiagnosticID("scenario.invalid-size")
  /// A wait's duration is malformed, zero or longer than a wait may last.
  public static let scenarioInvalidDuration = DiagnosticID("scenario.invalid-duration")
  /// A setting or step does not fit the VM, the host version or the guest's services.
  public static let scenarioIncompatible = DiagnosticID("scenario.incompatible")
  /// A step needs a power or guest state the VM is not in at that point.
  public static let scenarioPowerState = DiagnosticID("scenario.power-state")

  // MARK: The command line (HVCommandLine)

  /// `hvwalk run` cannot read the scenario file it was given.
  public static let runUnreadable = DiagnosticID("run.unreadable")

  // MARK: Reliability (issue 15): content safety, media policy, limits

  /// A symbolic link in the content folder points to nothing.
  public static let contentDanglingLink = DiagnosticID("content.dangling-link")
  /// A symbolic link in the content folder leads to a folder.
  public static let contentLinkNotFile = DiagnosticID("content.link-not-file")
  /// A symbolic link in the content folder leads out of it.
  public static let contentLinkOutside = DiagnosticID("content.link-outside")
  /// A content entry is neither a file nor a folder (a FIFO, a device, a socket).
  public static let contentNotAFile = DiagnosticID("content.not-a-file")
  /// A content file or folder could not be read (the message gives the system's reason).
  public static let contentUnreadable = DiagnosticID("content.unreadable")
  /// A directive names a scenario that has errors of its own (a follow-on the build drops).
  public static let directiveBrokenScenario = DiagnosticID("directive.broken-scenario")
  /// A lesson's front matter is present but empty.
  public static let lessonEmptyFrontMatter = DiagnosticID("lesson.empty-front-matter")
  /// The scenarios of one build recorded more events than a build may keep.
  public static let limitBuildEvents = DiagnosticID("limit.build-events")
  /// The scenarios of one build ask for more simulated work than a build may do.
  public static let limitBuildSimulation = DiagnosticID("limit.build-simulation")
  /// The content folder as a whole is larger than the build reads.
  public static let limitContentSize = DiagnosticID("limit.content-size")
  /// A content file is larger than the limit for its kind.
  public static let limitFileSize = DiagnosticID("limit.file-size")
  /// All lessons together are larger than the limit.
  public static let limitLessonsSize = DiagnosticID("limit.lessons-size")
  /// A generated page is larger than the page limit.
  public static let limitPageSize = DiagnosticID("limit.page-size")
  /// A scenario's waits add up to more simulated time than a scenario may take.
  public static let limitSimulatedTime = DiagnosticID("limit.simulated-time")
  /// A scenario recorded more events than one trace may keep.
  public static let limitTraceEvents = DiagnosticID("limit.trace-events")
  /// A text file in `media/` is not UTF-8 text.
  public static let mediaNotText = DiagnosticID("media.not-text")
  /// An SVG file in `media/` holds script, handlers, foreign objects or outside references.
  public static let mediaSvgActiveContent = DiagnosticID("media.svg-active-content")
  /// An SVG file in `media/` is not UTF-8 XML.
  public static let mediaSvgNotText = DiagnosticID("media.svg-not-text")
  /// A file in `media/` is not of a passive type the site may publish.
  public static let mediaTypeNotAllowed = DiagnosticID("media.type-not-allowed")
  /// A binary file in `media/` does not start with its format's signature.
  public static let mediaWrongSignature = DiagnosticID("media.wrong-signature")
  /// `site.yaml` is empty.
  public static let siteEmptyConfig = DiagnosticID("site.empty-config")
  /// A strings file is empty.
  public static let stringsEmpty = DiagnosticID("strings.empty")

  /// Every id above, in the order they are declared.
  public static let catalogue: [DiagnosticID] = [
    .contentNotUtf8, .siteMissingConfig, .yamlSyntax, .yamlTabIndentation, .yamlDuplicateKey,
    .yamlExpectedMapping, .yamlUnknownKey, .yamlMissingKey, .yamlInvalidValue,
    .stringsExpectedMapping, .stringsInvalidValue, .stringsMissingFile, .stringsMissingRequiredKey,
    .stringsUnknownKey, .stringsMissingKey, .phrasesPlaceholders, .terminologyAvoidedVariant,
    .terminologyInvalidFile, .themeUnknownString, .themeMissingTemplate,
    .themeTemplateSyntax, .lessonMissingFrontMatter, .lessonUnclosedFrontMatter,
    .lessonMisplacedFile, .lessonUnknownLanguage, .lessonInvalidSlug, .lessonReservedSlug,
    .lessonDuplicateAnchor,
    .lessonMissingTranslation, .lessonOrderMismatch, .lessonDuplicateOrder, .linkUnsafeScheme,
    .linkExternalImage, .linkAbsolutePath, .linkMissingTarget, .linkUnknownAnchor,
    .directiveArgumentCount, .directiveUnknownOption, .directiveInvalidWhatIf, .directiveDuplicateOption,
    .directiveEmptyOption, .directiveUnknownScenario, .directiveInvalidStep,
    .directiveInvalidCollapse, .directiveInvalidMessages, .directiveCompareSame,
    .directiveSweepRange, .directiveSweepCounter, .directiveSweepNothingToVary,
    .directiveSweepRepeated, .directiveSweepTooLarge, .selfCheckEmpty,
    .counterUnclosed, .counterEmpty, .counterUnknownFunction, .counterArguments,
    .counterUnknownOption, .counterInvalidStep, .counterUnknownCounter, .counterRatioZero,
    .counterInvalidMessage, .counterUnknownDetail, .counterDetailNotANumber,
    .scenarioMisplacedFile, .scenarioYaml, .scenarioEmpty, .scenarioExpectedMapping,
    .scenarioExpectedScalar, .scenarioExpectedSequence, .scenarioUnknownKey, .scenarioMissingKey,
    .scenarioInvalidValue, .scenarioDuplicateValue, .scenarioEmptyText, .scenarioInvalidId,
    .scenarioIdMismatch, .scenarioDuplicateId, .scenarioNoSteps, .scenarioTooManySteps,
    .scenarioInvalidStep, .scenarioUnknownStep, .scenarioStepValue, .scenarioInvalidSize,
    .scenarioInvalidDuration, .scenarioIncompatible, .scenarioPowerState, .runUnreadable,
    .contentDanglingLink, .contentLinkNotFile, .contentLinkOutside, .contentNotAFile,
    .contentUnreadable, .directiveBrokenScenario, .lessonEmptyFrontMatter, .limitBuildEvents,
    .limitBuildSimulation, .limitContentSize, .limitFileSize, .limitLessonsSize, .limitPageSize,
    .limitSimulatedTime, .limitTraceEvents, .mediaNotText, .mediaSvgActiveContent, .mediaSvgNotText,
    .mediaTypeNotAllowed, .mediaWrongSignature, .siteEmptyConfig, .stringsEmpty,
  ]
}
