//! The stable codes of every diagnostic; scripts and CI match on these strings.

use serde::Serialize;

/// A stable diagnostic code. The string form (`Code::as_str`) never changes once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum Code {
    /// The project root has no `content/` folder.
    NoContent,
    /// A file or folder could not be read.
    Io,
    /// A file is not valid UTF-8 text.
    NotUtf8,
    /// A YAML or Markdown file is larger than journeymap reads.
    FileTooLarge,
    /// A symbolic link points back to one of its own parent folders.
    SymlinkLoop,
    /// A file whose extension is almost, but not quite, one journeymap reads (`.yml`).
    WrongExtension,
    /// The YAML is malformed.
    YamlSyntax,
    /// The YAML is too deep, too large or expands too much (alias bombs).
    YamlTooComplex,
    /// The same key appears twice in one mapping.
    DuplicateKey,
    /// A Markdown file has no front matter, or its front matter is not closed.
    FrontMatter,
    /// A key that the format does not know (often a typo).
    UnknownKey,
    /// A value of the wrong type (text where a number is expected, ...).
    WrongType,
    /// A required key is absent or empty.
    MissingKey,
    /// A list that must have at least one item is empty.
    EmptyList,
    /// A number outside its allowed range.
    OutOfRange,
    /// A value that is not one of the allowed words (`kind: humen`).
    InvalidValue,
    /// An id that is not kebab-case.
    InvalidId,
    /// The same id is used twice where it must be unique.
    DuplicateId,
    /// The emotion scale in site.yaml breaks one of its rules.
    InvalidScale,
    /// A reference to a journey that does not exist.
    UnknownJourney,
    /// A reference to a touchpoint that does not exist in its journey.
    UnknownTouchpoint,
    /// A reference to a promise that does not exist.
    UnknownPromise,
    /// A score for a criterion that site.yaml does not define.
    UnknownCriterion,
    /// A criterion that an improvement option does not score.
    MissingScore,
    /// A `journeymap` block that names a view that does not exist.
    UnknownView,
    /// A theme that has no folder under `themes/`.
    UnknownTheme,
    /// A file named in the project (the logo) that does not exist.
    MissingFile,
    /// Two pages that would be written to the same address.
    DuplicatePage,
    /// A page or file at an address the tool writes itself.
    ReservedPath,
    /// Two pages of one folder with the same `order`.
    DuplicateOrder,
    /// An `accept` that names a finding code that does not exist.
    UnknownFinding,
    /// A link or image in a page that points at no published file.
    BrokenLink,
    /// A link to a heading that its page does not have.
    UnknownHeading,
    /// A theme template that does not compile or render.
    Template,
    /// The output folder cannot be used or written.
    Output,
    /// A line of a Mermaid diagram that `import mermaid` cannot read.
    MermaidSyntax,
    /// Finding: a promise no touchpoint delivers.
    UndeliveredPromise,
    /// Finding: a delivery that breaks its promise.
    BrokenPromise,
    /// Finding: a delivery that keeps its promise only partly.
    PromiseAtRisk,
    /// Finding: a promise delivered before it is made in the same journey.
    DeliveryBeforePromise,
    /// Finding: a Miserable Moment.
    MiserableMoment,
    /// Finding: a moment of truth below the zone of indifference.
    TruthBelowZone,
    /// Finding: an excel moment at or below the zone's upper bound.
    ExcelNotPositive,
    /// Finding: the journey ends below the zone of indifference.
    LowEnding,
    /// Finding: the same information is asked at two or more touchpoints.
    RepeatedAsk,
    /// Finding: more handoffs in a row than allowed, over the whole journey.
    HandoffChain,
    /// Finding: a journey without a Magic Moment.
    NoMagicMoment,
    /// Warning: an `accept` of a journey that matches none of its findings.
    UnmatchedAccept,
    /// Finding: a fail point in the blueprint behind a moment of truth.
    FailPointAtTruth,
    /// Finding: a back-stage or support item owned by another department than the touchpoint.
    InvisibleHandoff,
    /// Finding: a promise delivered at a touchpoint with no back-stage or support item.
    UnsupportedPromise,
    /// A journey `persona` that names no persona of `personas.yaml`.
    UnknownPersona,
    /// A `desired_for` that names a journey which is itself a desired journey.
    DesiredOfDesired,
    /// Two desired journeys for one current journey.
    DuplicateDesired,
    /// A `target` in a desired journey, or in a current journey that has a desired journey.
    TargetWithDesired,
    /// A promise defined inline in a desired journey.
    PromiseInDesign,
    /// Finding: a measured value far from the emotion typed for its touchpoint.
    MeasuredContradicts,
    /// Finding: a measured value from fewer answers than `measurements.min_n`.
    SmallSample,
    /// Finding: a moment of truth that no wave measures.
    UnmeasuredTruth,
    /// Finding: a journey's top-ranked improvement option has no plan.
    UnplannedOption,
    /// Finding: a plan that names no owner.
    PlanWithoutOwner,
    /// Finding: a plan marked done whose measure missed its target in the latest wave.
    PlanMissedTarget,
}

impl Code {
    /// The stable string form, e.g. `unknown-key`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::NoContent => "no-content",
            Code::Io => "io-error",
            Code::NotUtf8 => "not-utf8",
            Code::FileTooLarge => "file-too-large",
            Code::SymlinkLoop => "symlink-loop",
            Code::WrongExtension => "wrong-extension",
            Code::YamlSyntax => "yaml-syntax",
            Code::YamlTooComplex => "yaml-too-complex",
            Code::DuplicateKey => "duplicate-key",
            Code::FrontMatter => "front-matter",
            Code::UnknownKey => "unknown-key",
            Code::WrongType => "wrong-type",
            Code::MissingKey => "missing-key",
            Code::EmptyList => "empty-list",
            Code::OutOfRange => "out-of-range",
            Code::InvalidValue => "invalid-value",
            Code::InvalidId => "invalid-id",
            Code::DuplicateId => "duplicate-id",
            Code::InvalidScale => "invalid-scale",
            Code::UnknownJourney => "unknown-journey",
            Code::UnknownTouchpoint => "unknown-touchpoint",
            Code::UnknownPromise => "unknown-promise",
            Code::UnknownCriterion => "unknown-criterion",
            Code::MissingScore => "missing-score",
            Code::UnknownView => "unknown-view",
            Code::UnknownTheme => "unknown-theme",
            Code::MissingFile => "missing-file",
            Code::DuplicatePage => "duplicate-page",
            Code::ReservedPath => "reserved-path",
            Code::DuplicateOrder => "duplicate-order",
            Code::UnknownFinding => "unknown-finding",
            Code::BrokenLink => "broken-link",
            Code::UnknownHeading => "unknown-heading",
            Code::Template => "template-error",
            Code::Output => "output-error",
            Code::MermaidSyntax => "mermaid-syntax",
            Code::UndeliveredPromise => "undelivered-promise",
            Code::BrokenPromise => "broken-promise",
            Code::PromiseAtRisk => "promise-at-risk",
            Code::DeliveryBeforePromise => "delivery-before-promise",
            Code::MiserableMoment => "miserable-moment",
            Code::TruthBelowZone => "truth-below-zone",
            Code::ExcelNotPositive => "excel-not-positive",
            Code::LowEnding => "low-ending",
            Code::RepeatedAsk => "repeated-ask",
            Code::HandoffChain => "handoff-chain",
            Code::NoMagicMoment => "no-magic-moment",
            Code::UnmatchedAccept => "unmatched-accept",
            Code::FailPointAtTruth => "fail-point-at-truth",
            Code::InvisibleHandoff => "invisible-handoff",
            Code::UnsupportedPromise => "unsupported-promise",
            Code::UnknownPersona => "unknown-persona",
            Code::DesiredOfDesired => "desired-of-desired",
            Code::DuplicateDesired => "duplicate-desired",
            Code::TargetWithDesired => "target-with-desired",
            Code::PromiseInDesign => "promise-in-design",
            Code::MeasuredContradicts => "measured-contradicts-emotion",
            Code::SmallSample => "small-sample",
            Code::UnmeasuredTruth => "unmeasured-truth",
            Code::UnplannedOption => "unplanned-option",
            Code::PlanWithoutOwner => "plan-without-owner",
            Code::PlanMissedTarget => "plan-missed-target",
        }
    }

    /// The severity of a finding with this code; `None` for the codes that are not findings.
    pub fn finding_severity(self) -> Option<FindingSeverity> {
        FINDINGS
            .iter()
            .find(|(code, _)| *code == self)
            .map(|(_, severity)| *severity)
    }
}

/// How much a finding matters to the customer and the business; findings are listed most
/// severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingSeverity {
    /// Hurts customers now: a broken promise, a Miserable Moment, a failed moment of truth,
    /// a journey that ends badly.
    High,
    /// Risks hurting them: a promise kept partly or not at all, an excel moment that does
    /// not excel, too many handoffs.
    Medium,
    /// Worth a look: repeated questions, a promise delivered before it is made, no Magic
    /// Moment.
    Low,
}

impl FindingSeverity {
    /// The stable lower-case name, e.g. `high`.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingSeverity::High => "high",
            FindingSeverity::Medium => "medium",
            FindingSeverity::Low => "low",
        }
    }
}

/// Every finding code with its severity, in one place; the other codes are errors of the
/// loader and the build, and `unmatched-accept`.
pub const FINDINGS: [(Code, FindingSeverity); 20] = [
    (Code::BrokenPromise, FindingSeverity::High),
    (Code::MiserableMoment, FindingSeverity::High),
    (Code::TruthBelowZone, FindingSeverity::High),
    (Code::LowEnding, FindingSeverity::High),
    (Code::UndeliveredPromise, FindingSeverity::Medium),
    (Code::PromiseAtRisk, FindingSeverity::Medium),
    (Code::ExcelNotPositive, FindingSeverity::Medium),
    (Code::HandoffChain, FindingSeverity::Medium),
    (Code::RepeatedAsk, FindingSeverity::Low),
    (Code::DeliveryBeforePromise, FindingSeverity::Low),
    (Code::NoMagicMoment, FindingSeverity::Low),
    (Code::FailPointAtTruth, FindingSeverity::Medium),
    (Code::UnsupportedPromise, FindingSeverity::Medium),
    (Code::InvisibleHandoff, FindingSeverity::Low),
    (Code::MeasuredContradicts, FindingSeverity::Medium),
    (Code::SmallSample, FindingSeverity::Low),
    (Code::UnmeasuredTruth, FindingSeverity::Low),
    (Code::UnplannedOption, FindingSeverity::Low),
    (Code::PlanWithoutOwner, FindingSeverity::Medium),
    (Code::PlanMissedTarget, FindingSeverity::Medium),
];

impl From<Code> for &'static str {
    fn from(code: Code) -> Self {
        code.as_str()
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
