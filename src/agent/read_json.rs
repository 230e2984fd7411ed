//! Reads the worker's Report JSON on the page with less code than `serde_json::from_str::<T>`
//! (size budget): the text is parsed once into a `serde_json::Value`, then read through this
//! small deserializer, which reads every struct from a JSON object only. serde_json's own
//! readers also accept a struct written as an array, so every report type would carry a
//! second, never used, reading path.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Error, Value};

/// Reads a `T` (the page reads a `Report`) from JSON text.
pub fn from_str<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let value: Value = serde_json::from_str(json)?;
    T::deserialize(Json::<false>(&value))
}

/// As [`from_str`], for types whose enums also have variants with data, written as
/// `{"variant": value}` (serde's external tagging): a share link's `TimelineOptions`. A
/// separate instantiation, so the report's reading code stays as small as it was.
pub fn from_str_tagged<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    let value: Value = serde_json::from_str(json)?;
    T::deserialize(Json::<true>(&value))
}

/// A JSON value to read; `TAGGED`: enums may be `{"variant": value}` objects.
struct Json<'a, const TAGGED: bool>(&'a Value);

fn expected(what: &str) -> Error {
    de::Error::custom(format_args!("expected {what}"))
}

impl<'de, const TAGGED: bool> de::Deserializer<'de> for Json<'_, TAGGED> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (None, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => visitor.visit_str(s),
            Value::Array(items) => visitor.visit_seq(Items::<TAGGED>(items.iter())),
            Value::Object(map) => visitor.visit_map(Entries::<TAGGED>(map.iter(), None)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Entries::<TAGGED>(map.iter(), None)),
            _ => Err(expected("an object")),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items::<TAGGED>(items.iter())),
            _ => Err(expected("an array")),
        }
    }

    /// The report's enums are unit variants, written as strings.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Object(map) if TAGGED && map.len() == 1 => match map.iter().next() {
                Some((tag, value)) => visitor.visit_enum(Variant(tag, value)),
                None => Err(expected("a variant")),
            },
            _ => Err(expected("a string")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct tuple tuple_struct map identifier ignored_any
    }
}

struct Items<'a, const TAGGED: bool>(std::slice::Iter<'a, Value>);

impl<'de, const TAGGED: bool> de::SeqAccess<'de> for Items<'_, TAGGED> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|v| seed.deserialize(Json::<TAGGED>(v)))
            .transpose()
    }
}

struct Entries<'a, const TAGGED: bool>(serde_json::map::Iter<'a>, Option<&'a Value>);

impl<'de, const TAGGED: bool> de::MapAccess<'de> for Entries<'_, TAGGED> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.0.next() else {
            return Ok(None);
        };
        self.1 = Some(value);
        seed.deserialize(key.as_str().into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.1.take().ok_or_else(|| expected("a key first"))?;
        seed.deserialize(Json::<TAGGED>(value))
    }
}

/// An externally tagged enum value: `{"tag": value}`.
struct Variant<'a>(&'a str, &'a Value);

impl<'de, 'a> de::EnumAccess<'de> for Variant<'a> {
    type Error = Error;
    type Variant = Json<'a, true>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let tag = seed.deserialize(self.0.into_deserializer())?;
        Ok((tag, Json(self.1)))
    }
}

impl<'de> de::VariantAccess<'de> for Json<'_, true> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_struct(self, "", &[], visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{run_analysis, Settings};
    use podplay_core::pipeline::AdmitResult;
    use podplay_core::Report;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn sent(mut report: Report) -> Value {
        if let Some(admit) = report.admit.as_mut() {
            admit.result = AdmitResult::not_sent();
        }
        serde_json::to_value(&report).unwrap()
    }

    #[wasm_bindgen_test]
    fn reads_every_gallery_report_back_unchanged() {
        let mut inputs: Vec<&str> = podplay_core::gallery::EXAMPLES
            .iter()
            .map(|(_, _, text)| *text)
            .collect();
        inputs.extend(["", "kind: Pod\nspec: [\n", "kind: Pod\nspec: 3\n"]);
        for text in inputs {
            let json = sent(run_analysis(text, "", "", Settings::default()));
            let read: Report = from_str(&json.to_string()).expect("the report reads back");
            assert_eq!(sent(read), json, "round trip of:\n{text}");
        }
    }

    #[wasm_bindgen_test]
    fn timeline_options_read_back_with_their_tagged_enums() {
        use podplay_core::termination::Scenario;
        use podplay_core::timeline::TimelineOptions;
        for scenario in [
            Scenario::Evict {
                max_pod_grace_period: Some(5),
            },
            Scenario::Preempt,
            Scenario::Liveness { container: None },
            Scenario::default(),
        ] {
            // Every start-up control's field (the share link's `l` carries them).
            let start = podplay_core::startup::StartBehaviour {
                pull: Some(podplay_core::startup::Pull::Takes(3_000)),
                pull_wait: Some(5_000),
                image_present: Some(false),
                image_size: Some(187_654_321),
                post_start: Some(podplay_core::startup::PostStart::Fails(1_500)),
                run: Some(podplay_core::startup::Run::Forever),
                exit_code: Some(2),
            };
            let options = TimelineOptions {
                scenario,
                start: vec![("app".into(), start)],
                ..TimelineOptions::default()
            };
            let json = serde_json::to_string(&options).unwrap();
            let read: TimelineOptions = from_str_tagged(&json).expect("reads back");
            assert_eq!(read, options, "{json}");
        }
    }

    #[wasm_bindgen_test]
    fn a_struct_written_as_an_array_is_refused() {
        let read = from_str::<podplay_core::yaml::Pos>("[1, 2]");
        assert!(read.is_err());
        let pos: podplay_core::yaml::Pos = from_str(r#"{"line": 3, "col": 4}"#).unwrap();
        assert_eq!((pos.line, pos.col), (3, 4));
    }
}
