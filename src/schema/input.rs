//! The shape of the YAML files as JSON Schema sees it: the format's keys, types, enums and
//! fixed ranges. Rules that need the whole project (the emotion scale, references, unique
//! ids) are checked by the loader only.

use crate::model::{Basis, DeliveryResult, Kind, Language, Metric, Moment, PlanStatus};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Text; a number or `true`/`false` written where text is expected is taken as written.
pub struct Text;

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": ["string", "number", "boolean"]})
    }
}

/// An id: lower-case letters and digits in words joined by `-`.
pub struct Id;

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"})
    }
}

/// A whole number from 1 to 5.
pub struct OneToFive;

impl JsonSchema for OneToFive {
    fn schema_name() -> Cow<'static, str> {
        "OneToFive".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "integer", "minimum": 1, "maximum": 5})
    }
}

/// An emotion: a whole number or a decimal with at most two places, e.g. -1.5.
pub struct EmotionValue;

impl JsonSchema for EmotionValue {
    fn schema_name() -> Cow<'static, str> {
        "Emotion".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "number", "multipleOf": 0.01})
    }
}

/// The code of a finding, e.g. `low-ending`.
pub struct FindingCode;

impl JsonSchema for FindingCode {
    fn schema_name() -> Cow<'static, str> {
        "FindingCode".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let codes: Vec<&str> = crate::diagnostics::FINDINGS
            .iter()
            .map(|(code, _)| code.as_str())
            .collect();
        json_schema!({"type": "string", "enum": codes})
    }
}

/// A list that may be left empty (`key:` with no value).
pub struct Items<T>(std::marker::PhantomData<T>);

impl<T: JsonSchema> JsonSchema for Items<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("ListOf{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        json_schema!({"type": ["array", "null"], "items": item})
    }
}

/// A journey file: `content/journeys/<id>.yaml`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "journeymap journey")]
pub struct JourneyFile {
    /// The journey's title.
    pub title: Text,
    /// Who the customer is.
    pub persona: Option<Text>,
    /// A Markdown summary, shown at the top of the journey page.
    pub summary: Option<Text>,
    /// Who owns the journey.
    pub owner: Option<Text>,
    /// Brand values the journey should express.
    pub brand_values: Option<Items<Text>>,
    /// The stages, in order; at least one.
    #[schemars(length(min = 1))]
    pub stages: Vec<StageInput>,
    /// Options for the desired journey.
    pub improvements: Option<Items<ImprovementInput>>,
    /// Findings accepted on purpose, each with its reason.
    pub accept: Option<Items<AcceptInput>>,
    /// Makes this file the desired journey (a design) of the current journey with this id.
    pub desired_for: Option<Id>,
}

/// A finding the journey accepts: it stays on the page, marked accepted, and `check
/// --strict` lets it pass.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInput {
    /// The finding's code, e.g. low-ending.
    pub finding: FindingCode,
    /// The touchpoint it is about (its id); without it, every finding of that code in the
    /// journey is accepted.
    pub touchpoint: Option<Text>,
    /// Why it is accepted.
    pub reason: Text,
}

/// A stage of a journey.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageInput {
    /// The stage's name.
    pub name: Text,
    /// Optional id; default: the name as a slug.
    pub id: Option<Id>,
    /// The touchpoints, in order; at least one.
    #[schemars(length(min = 1))]
    pub touchpoints: Vec<TouchpointInput>,
}

/// A touchpoint: a moment where the customer meets the organisation.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TouchpointInput {
    /// What happens, in the customer's words.
    pub name: Text,
    /// Optional id, unique in the journey; default: the name as a slug.
    pub id: Option<Id>,
    /// human (staff, friends), functional (product, website, invoice) or mechanical (surroundings).
    pub kind: Kind,
    /// The channel: store, phone, website, word of mouth...
    pub channel: Option<Text>,
    /// The department responsible.
    pub owner: Option<Text>,
    /// How the customer feels today, on the site's scale (default -3 to 3); decimals with at
    /// most two places are allowed (-1.5, an interview average).
    pub emotion: EmotionValue,
    /// How the customer should feel in the desired journey (not with a desired journey file).
    pub target: Option<EmotionValue>,
    /// standard (default), truth (a moment of truth) or excel.
    pub moment: Option<Moment>,
    /// Weight for customer and business, 1 to 5.
    pub impact: Option<OneToFive>,
    /// How often customers pass here, 1 to 5.
    pub frequency: Option<OneToFive>,
    /// false for indirect contact (word of mouth, reviews); default true.
    pub direct: Option<bool>,
    /// false when outside the buying or service process; default true.
    pub in_process: Option<bool>,
    /// How we know: observed, reported or assumed (default).
    pub basis: Option<Basis>,
    /// Information asked of the customer here, e.g. customer-number.
    pub asks: Option<Items<Text>>,
    /// Promises made here: ids from promises.yaml, or new promises with id and text.
    pub promises: Option<Items<PromiseMade>>,
    /// Promises this touchpoint delivers on.
    pub delivers: Option<Items<DeliveryInput>>,
    /// Markdown notes.
    pub notes: Option<Text>,
    /// Blueprint lane: what the customer sees or holds here (physical evidence).
    pub evidence: Option<Items<LaneItemInput>>,
    /// Blueprint lane: what contact staff do in the customer's sight.
    pub frontstage: Option<Items<LaneItemInput>>,
    /// Blueprint lane: what contact staff do out of the customer's sight.
    pub backstage: Option<Items<LaneItemInput>>,
    /// Blueprint lane: internal services and systems behind the contact staff.
    pub support: Option<Items<LaneItemInput>>,
}

/// An item of a blueprint lane: text, or text with an owner, a system, a fail point, a wait.
#[derive(JsonSchema)]
#[serde(untagged)]
pub enum LaneItemInput {
    /// What happens, in words.
    Text(Text),
    /// What happens, with who does it and how it can go wrong.
    Item(LaneItemFields),
}

/// An item of a blueprint lane written as a mapping.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LaneItemFields {
    /// What happens, in words.
    pub text: Text,
    /// The department responsible (an owner, as touchpoints write it).
    pub owner: Option<Text>,
    /// The system involved, e.g. CRM.
    pub system: Option<Text>,
    /// true for a fail point: a step likely to go wrong.
    pub fail: Option<bool>,
    /// How long it takes, as you write it: 3 min.
    pub wait: Option<Text>,
}

/// A promise made at a touchpoint: an id, or a new promise written inline.
#[derive(JsonSchema)]
#[serde(untagged)]
pub enum PromiseMade {
    /// The id of a promise in promises.yaml or elsewhere.
    Reference(Id),
    /// A new promise.
    Inline(PromiseInput),
}

/// A promise of the organisation.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PromiseInput {
    /// The promise's id, unique across the site.
    pub id: Id,
    /// The promise in words.
    pub text: Text,
    /// Where it is made, e.g. "TV campaign 2026".
    pub source: Option<Text>,
}

/// A touchpoint delivering on a promise.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryInput {
    /// The promise's id.
    pub promise: Id,
    /// How the delivery went: exceeded, kept, partly or broken.
    pub result: DeliveryResult,
    /// What shows it.
    pub evidence: Option<Text>,
}

/// An option for the desired journey.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImprovementInput {
    /// What the option is.
    pub title: Text,
    /// Ids of the touchpoints it changes.
    pub touchpoints: Option<Items<Text>>,
    /// A score from 1 to 5 for every criterion of site.yaml.
    pub scores: BTreeMap<String, OneToFive>,
    /// Ids of the desired journey's touchpoints this option creates or changes.
    pub creates: Option<Items<Text>>,
    /// Who carries the option out, by when, and what shows it worked.
    pub plan: Option<PlanInput>,
}

/// The action plan of an improvement option.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// Who carries it out.
    pub owner: Option<Text>,
    /// The measured value that shows it worked.
    pub measure: Option<PlanMeasureInput>,
    /// When it is due, as an ISO date: 2026-09-30.
    #[schemars(regex(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub due: Option<String>,
    /// Where it stands.
    pub status: PlanStatus,
}

/// A plan's measure: a metric at a touchpoint of the journey, and its target.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanMeasureInput {
    /// The touchpoint id.
    pub touchpoint: Text,
    /// nps, csat, ces or score.
    pub metric: Metric,
    /// The value to reach.
    pub target: f64,
}

/// Settings of measured values.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasurementsInput {
    /// The fewest answers a value needs to count as sound; default 30.
    #[schemars(range(min = 1))]
    pub min_n: Option<u32>,
}

/// The promise register: `content/promises.yaml`.
#[derive(JsonSchema)]
#[schemars(title = "journeymap promises")]
pub struct PromisesFile(pub Option<Vec<PromiseInput>>);

/// The personas: `content/personas.yaml`.
#[derive(JsonSchema)]
#[schemars(title = "journeymap personas")]
pub struct PersonasFile(pub Option<Vec<PersonaInput>>);

/// A persona: a typical customer that journeys name by id.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonaInput {
    /// Id, unique in the file; a journey's `persona` names it.
    pub id: Id,
    /// The name to show.
    pub name: Text,
    /// Who they are, in Markdown.
    pub description: Option<Text>,
    /// Something they would say, in their words.
    pub quote: Option<Text>,
    /// Path of a picture under content/.
    pub image: Option<Text>,
    /// What they want to achieve.
    pub goals: Option<Items<Text>>,
}

/// Site settings: `content/site.yaml`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "journeymap site settings")]
pub struct SiteFile {
    /// The site's title; default "Customer journeys".
    pub title: Option<Text>,
    /// en or nl: the language of the labels the tool writes.
    pub language: Option<Language>,
    /// Markdown shown on the home page and at the top of the report's summary.
    pub description: Option<Text>,
    /// The emotion scale.
    pub scale: Option<ScaleInput>,
    /// Criteria on which improvement options are scored; default the five built-in ones.
    pub criteria: Option<Vec<CriterionInput>>,
    /// Thresholds of findings.
    pub findings: Option<FindingsInput>,
    /// Brand colour and logo.
    pub brand: Option<BrandInput>,
    /// A folder under themes/; default `default`.
    pub theme: Option<Text>,
    /// The output folder.
    pub output: Option<OutputInput>,
    /// The name to show for each owner, e.g. `customer-service: Customer service`.
    pub owners: Option<BTreeMap<String, Text>>,
    /// The cover of the printable report.
    pub report: Option<ReportInput>,
    /// A search box on every page, with its index; default true.
    pub search: Option<bool>,
    /// Settings of measured values (survey waves).
    pub measurements: Option<MeasurementsInput>,
}

/// The cover of the printable report.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    /// The client the report is for.
    pub client: Option<Text>,
    /// Who wrote it.
    pub author: Option<Text>,
    /// Its date, as an ISO date: 2026-11-30.
    #[schemars(regex(pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: Option<String>,
}

/// Settings of the output folder.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputInput {
    /// Globs of your own files in the output folder that builds leave alone, besides dotfiles
    /// and dot-folders, e.g. `CNAME` or `downloads/**`.
    pub keep: Option<Items<Text>>,
}

/// The emotion scale and its zones.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleInput {
    /// Lowest score; default -3.
    #[schemars(range(min = -1000, max = 1000))]
    pub min: Option<i64>,
    /// Highest score; default 3.
    #[schemars(range(min = -1000, max = 1000))]
    pub max: Option<i64>,
    /// Zone of indifference [low, high], inclusive; default [-1, 1].
    #[schemars(length(min = 2, max = 2), inner(range(min = -1000, max = 1000)))]
    pub indifference: Option<Vec<i64>>,
    /// Emotion at or above this is a Magic Moment; default 3.
    #[schemars(range(min = -1000, max = 1000))]
    pub magic: Option<i64>,
    /// Emotion at or below this is a Miserable Moment; default -3.
    #[schemars(range(min = -1000, max = 1000))]
    pub miserable: Option<i64>,
}

/// A criterion for improvement options.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionInput {
    /// distinctive, brand_fit, ease, customer_impact, business_impact, or an id of your own.
    #[schemars(regex(pattern = "^[a-z][a-z0-9_]*$"))]
    pub id: String,
    /// The label people see; required for a criterion of your own.
    pub label: Option<Text>,
    /// Weight in the weighted mean; default 1.
    #[schemars(range(min = 0, max = 1000))]
    pub weight: Option<f64>,
}

/// Thresholds of findings.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingsInput {
    /// More handoffs in a row than this, anywhere in a journey, is a finding; default 1.
    #[schemars(range(min = 0, max = 1000))]
    pub max_handoffs_in_a_row: Option<i64>,
}

/// Brand colour and logo.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BrandInput {
    /// A CSS colour: #0b6e4f, rgb(11 110 79) or a colour name.
    pub primary_color: Option<Text>,
    /// Path of the logo under content/.
    pub logo: Option<Text>,
}
