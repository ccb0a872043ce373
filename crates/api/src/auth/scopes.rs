//! Which scope each endpoint asks of a service token: read from the OpenAPI
//! document's security requirements (`("client" = ["requests:read"])`), so
//! the contract other systems read and the check the server makes are one.
//! An endpoint without a `client` requirement is for people only.

use onestop_domain::integration::ClientScope;
use std::collections::HashMap;

#[derive(Debug, Default)]
pub struct ScopeMap(HashMap<(String, String), Vec<ClientScope>>);

impl ScopeMap {
    pub fn from_document(doc: &serde_json::Value) -> Self {
        let mut map = HashMap::new();
        let Some(paths) = doc["paths"].as_object() else {
            return Self(map);
        };
        for (path, item) in paths {
            for method in ["get", "put", "post", "delete", "patch"] {
                let Some(security) = item[method]["security"].as_array() else {
                    continue;
                };
                for requirement in security {
                    if let Some(scopes) = requirement.get("client").and_then(|s| s.as_array()) {
                        let scopes = scopes
                            .iter()
                            .filter_map(|s| s.as_str().and_then(ClientScope::parse))
                            .collect();
                        map.insert((method.to_ascii_uppercase(), path.clone()), scopes);
                    }
                }
            }
        }
        Self(map)
    }

    /// The scopes `method path` (the route's pattern) asks of a service token;
    /// `None`: service tokens may not call it at all.
    pub fn required(&self, method: &str, pattern: &str) -> Option<&[ClientScope]> {
        self.0
            .get(&(method.to_owned(), pattern.to_owned()))
            .map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
