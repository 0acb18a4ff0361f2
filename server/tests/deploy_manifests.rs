//! The deployment pieces, checked without a cluster or Docker: every YAML document in `deploy/k8s/` and
//! the root `Dockerfile` are parsed and held to what several replicas need — rolling updates on the real
//! health endpoints, secrets that the manifests declare, a Service and a disruption budget that select the
//! pods, an unprivileged container on a read-only root with a writable data directory.

use serde::Deserialize;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The settings that must come from a Secret, never from a plain value in the manifests.
const SECRET_SETTINGS: [&str; 3] = [
    "HALO_CLIENT_SECRET",
    "HALOSCOPE_SESSION_KEY",
    "HALOSCOPE_REDIS_URL",
];

/// The repository root (this crate is `server/`).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One YAML document and the file it came from (for the messages).
struct Doc {
    file: String,
    value: Value,
}

/// Every document of every `.yaml`/`.yml` file in `deploy/k8s/`, in file-name order; empty documents (a
/// trailing `---`) are skipped. A file that does not parse, or a document without `kind`, fails the test.
fn manifests() -> Vec<Doc> {
    let dir = repo_root().join("deploy/k8s");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no YAML files in {}", dir.display());
    let mut docs = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        for document in serde_yaml::Deserializer::from_str(&text) {
            let yaml = serde_yaml::Value::deserialize(document)
                .unwrap_or_else(|e| panic!("{file} is not valid YAML: {e}"));
            if yaml.is_null() {
                continue;
            }
            let value = serde_json::to_value(&yaml).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(value["kind"].is_string(), "{file}: a document has no kind");
            docs.push(Doc {
                file: file.clone(),
                value,
            });
        }
    }
    docs
}

/// The one document of `kind`; none or several fail the test.
fn the<'a>(docs: &'a [Doc], kind: &str) -> &'a Doc {
    let found: Vec<&Doc> = docs.iter().filter(|d| d.value["kind"] == kind).collect();
    assert!(found.len() == 1, "want one {kind}, found {}", found.len());
    found[0]
}

/// The Deployment's pod template spec.
fn pod_spec(docs: &[Doc]) -> &Value {
    let deployment = the(docs, "Deployment");
    let spec = &deployment.value["spec"]["template"]["spec"];
    assert!(
        spec.is_object(),
        "{}: no spec.template.spec",
        deployment.file
    );
    spec
}

/// The pod's containers; an empty or missing list fails the test (so no check below holds vacuously).
fn containers(pod: &Value) -> &Vec<Value> {
    let list = pod["containers"].as_array().expect("containers: a list");
    assert!(!list.is_empty(), "the pod template has no containers");
    list
}

/// The `env` entry `name` of `container`.
fn env_entry<'a>(container: &'a Value, name: &str) -> Option<&'a Value> {
    let env = container["env"].as_array()?;
    env.iter().find(|e| e["name"] == name)
}

/// The Deployment's pod template labels.
fn pod_labels(docs: &[Doc]) -> &Value {
    &the(docs, "Deployment").value["spec"]["template"]["metadata"]["labels"]
}

/// Whether the label `selector` is non-empty and every one of its pairs is among `labels`.
fn selects(selector: &Value, labels: &Value) -> bool {
    match (selector.as_object(), labels.as_object()) {
        (Some(sel), Some(labels)) => {
            !sel.is_empty() && sel.iter().all(|(k, v)| labels.get(k) == Some(v))
        }
        _ => false,
    }
}

/// Whether `port` (a name or a number) is one of `container`'s ports.
fn declares_port(container: &Value, port: &Value) -> bool {
    let Some(ports) = container["ports"].as_array() else {
        return false;
    };
    ports.iter().any(|p| match port {
        Value::String(name) => p["name"] == name.as_str(),
        number => &p["containerPort"] == number,
    })
}

/// Several replicas, replaced one at a time: a rollout starts a new pod before stopping an old one, and the
/// Deployment's own selector matches its pods.
#[test]
fn deployment_runs_several_replicas_with_rolling_updates() {
    let docs = manifests();
    let spec = &the(&docs, "Deployment").value["spec"];
    let replicas = spec["replicas"].as_u64().expect("replicas: a number");
    assert!(replicas >= 2, "Deployment: {replicas} replica(s), want 2+");
    let strategy = &spec["strategy"];
    assert_eq!(strategy["type"], "RollingUpdate", "strategy.type");
    let unavailable = &strategy["rollingUpdate"]["maxUnavailable"];
    assert_eq!(unavailable, &json!(0), "an old pod must wait for a new one");
    let matched = selects(&spec["selector"]["matchLabels"], pod_labels(&docs));
    assert!(matched, "Deployment selector must match its pod labels");
}

/// Readiness asks `/readyz` and liveness `/healthz`, both on a port the container declares.
#[test]
fn probes_use_the_health_endpoints() {
    let docs = manifests();
    for c in containers(pod_spec(&docs)) {
        for (probe, path) in [("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")] {
            let get = &c[probe]["httpGet"];
            assert_eq!(get["path"], path, "container {}: {probe} path", c["name"]);
            let port = &get["port"];
            let known = declares_port(c, port);
            assert!(known, "{probe} port {port} is not a container port");
        }
    }
}

/// Not root, no privilege escalation, no writable root filesystem in any container; and no service links,
/// whose `<SERVICE>_SERVICE_HOST` variables would be, for a Service named `halo-…`, an unknown `HALO_*`
/// variable, which stops Haloscope at start-up.
#[test]
fn pods_run_unprivileged_on_a_read_only_root() {
    let docs = manifests();
    let pod = pod_spec(&docs);
    assert_eq!(pod["enableServiceLinks"], false, "enableServiceLinks");
    let pod_context = &pod["securityContext"];
    for c in containers(pod) {
        let (name, sc) = (&c["name"], &c["securityContext"]);
        let non_root = pod_context["runAsNonRoot"] == true || sc["runAsNonRoot"] == true;
        assert!(non_root, "container {name}: runAsNonRoot must be true");
        for context in [pod_context, sc] {
            assert_ne!(context["runAsUser"], 0, "container {name}: runs as root");
        }
        let read_only = &sc["readOnlyRootFilesystem"];
        assert_eq!(read_only, true, "container {name}: readOnlyRootFilesystem");
        let escalation = &sc["allowPrivilegeEscalation"];
        assert_eq!(
            escalation, false,
            "container {name}: allowPrivilegeEscalation"
        );
    }
}

/// The secret settings come from `secretKeyRef`s to a Secret that the manifests declare with those keys
/// (under `stringData` or `data`).
#[test]
fn secret_settings_come_from_the_declared_secret() {
    let docs = manifests();
    let secrets: Vec<&Doc> = docs
        .iter()
        .filter(|d| d.value["kind"] == "Secret")
        .collect();
    assert!(!secrets.is_empty(), "deploy/k8s declares no Secret");
    for c in containers(pod_spec(&docs)) {
        for setting in SECRET_SETTINGS {
            let entry = env_entry(c, setting).unwrap_or_else(|| panic!("no env {setting}"));
            let reference = &entry["valueFrom"]["secretKeyRef"];
            let (secret, key) = (&reference["name"], reference["key"].as_str());
            let key = key.unwrap_or_else(|| panic!("{setting}: not from a secretKeyRef"));
            let Some(declared) = secrets
                .iter()
                .find(|s| &s.value["metadata"]["name"] == secret)
            else {
                panic!("{setting}: Secret {secret} is not in deploy/k8s");
            };
            let has_key = ["stringData", "data"]
                .iter()
                .any(|field| declared.value[field].get(key).is_some());
            let file = &declared.file;
            assert!(has_key, "{file}: Secret {secret} lacks {key} ({setting})");
        }
    }
}

/// The Service selects the pods and sends traffic to a port name the container declares.
#[test]
fn service_reaches_the_pods_by_a_named_port() {
    let docs = manifests();
    let spec = &the(&docs, "Service").value["spec"];
    let matched = selects(&spec["selector"], pod_labels(&docs));
    assert!(matched, "Service selector must match the pod labels");
    let ports = spec["ports"].as_array().expect("Service ports: a list");
    assert!(!ports.is_empty(), "the Service has no ports");
    for port in ports {
        let target = &port["targetPort"];
        assert!(target.is_string(), "targetPort {target}: use a port name");
        let known = containers(pod_spec(&docs))
            .iter()
            .any(|c| declares_port(c, target));
        assert!(known, "targetPort {target} is not a container port");
    }
}

/// A policy/v1 PodDisruptionBudget covers the same pods, so draining nodes keeps one replica serving.
#[test]
fn disruption_budget_covers_the_pods() {
    let docs = manifests();
    let pdb = &the(&docs, "PodDisruptionBudget").value;
    assert_eq!(
        pdb["apiVersion"], "policy/v1",
        "PodDisruptionBudget apiVersion"
    );
    let spec = &pdb["spec"];
    let limited = spec["minAvailable"].is_number() || spec["maxUnavailable"].is_number();
    assert!(
        limited,
        "PodDisruptionBudget sets no minAvailable/maxUnavailable"
    );
    let matched = selects(&spec["selector"]["matchLabels"], pod_labels(&docs));
    assert!(
        matched,
        "PodDisruptionBudget selector must match the pod labels"
    );
}

/// `HALOSCOPE_DATA_DIR` is the mount path of a writable volume (the root filesystem is read-only): an
/// `emptyDir` or a claim, not a read-only Secret or ConfigMap volume.
#[test]
fn data_dir_is_a_mounted_writable_volume() {
    let docs = manifests();
    let pod = pod_spec(&docs);
    let volumes = pod["volumes"].as_array().expect("pod volumes: a list");
    for c in containers(pod) {
        let dir = env_entry(c, "HALOSCOPE_DATA_DIR").and_then(|e| e["value"].as_str());
        let dir = dir.expect("HALOSCOPE_DATA_DIR: a plain value");
        let mounts = c["volumeMounts"].as_array().expect("volumeMounts: a list");
        let Some(mount) = mounts.iter().find(|m| m["mountPath"] == dir) else {
            panic!("HALOSCOPE_DATA_DIR={dir} is not a volume mount");
        };
        assert_ne!(mount["readOnly"], true, "{dir} is mounted read-only");
        let Some(volume) = volumes.iter().find(|v| v["name"] == mount["name"]) else {
            panic!("the mount at {dir} names no pod volume");
        };
        let writable =
            volume["emptyDir"].is_object() || volume["persistentVolumeClaim"].is_object();
        assert!(writable, "the volume at {dir}: want an emptyDir or a PVC");
    }
}

/// The Dockerfile builds in one stage and runs in another, as a user that is not root, with the
/// `haloscope` binary copied from the build stage.
#[test]
fn dockerfile_has_a_separate_non_root_runtime_stage() {
    let path = repo_root().join("Dockerfile");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("Dockerfile: {e}"));
    let instructions: Vec<(String, &str)> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.trim().split_once(char::is_whitespace))
        .map(|(word, rest)| (word.to_ascii_uppercase(), rest.trim()))
        .collect();
    let froms = instructions.iter().filter(|(w, _)| w == "FROM").count();
    assert!(
        froms >= 2,
        "{froms} FROM line(s): want a build and a runtime stage"
    );
    let last_from = instructions.iter().rposition(|(w, _)| w == "FROM").unwrap();
    let runtime = &instructions[last_from..];
    let user = runtime.iter().rfind(|(w, _)| w == "USER");
    let (_, user) = user.expect("the runtime stage sets no USER");
    let name = user.split(':').next().unwrap_or_default();
    assert!(
        !matches!(name, "root" | "0"),
        "the runtime stage runs as {user}"
    );
    let copies = runtime
        .iter()
        .any(|(w, rest)| w == "COPY" && rest.contains("--from=") && rest.contains("haloscope"));
    assert!(
        copies,
        "the runtime stage must COPY --from=… the haloscope binary"
    );
}
