namespace TutorApp.UnitTests.Deployment;

/// <summary>
/// No cluster runs here, so the manifests are checked as data: each parses, each object has what Kubernetes requires,
/// and the objects agree with each other and with the app (probe paths, ports, labels, names, settings).
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string K8s = YamlFiles.Repo("infra", "k8s");

    private static IEnumerable<string> ManifestFiles() =>
        Directory.EnumerateFiles(K8s, "*.yaml", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "kustomization.yaml").Order();

    private static Dictionary<object, object> Object(string kind, string? name = null) =>
        ManifestFiles().SelectMany(YamlFiles.Documents)
            .Single(d => d.Text("kind") == kind && (name is null || d.Text("metadata", "name") == name));

    [Fact]
    public void Every_manifest_parses_and_names_its_api_version_kind_name_and_namespace()
    {
        var files = ManifestFiles().ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var documents = YamlFiles.Documents(file);
            Assert.True(documents.Count > 0, $"{file} holds no object");
            foreach (var document in documents)
            {
                var where = $"{Path.GetRelativePath(K8s, file)} ({document.Text("kind")})";
                Assert.False(string.IsNullOrEmpty(document.Text("apiVersion")), $"{where}: apiVersion is missing");
                Assert.False(string.IsNullOrEmpty(document.Text("kind")), $"{where}: kind is missing");
                Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", document.Text("metadata", "name") ?? "");
                if (document.Text("kind") != "Namespace")
                {
                    Assert.True(document.Text("metadata", "namespace") == "tutorapp", $"{where}: metadata.namespace is not tutorapp");
                }
            }
        }
    }

    [Fact]
    public void Kustomization_lists_every_manifest_except_the_jobs_that_run_on_their_own()
    {
        var kustomization = YamlFiles.Documents(Path.Combine(K8s, "kustomization.yaml")).Single();
        var listed = kustomization.Items("resources").Cast<string>().ToList();
        Assert.All(listed, r => Assert.True(File.Exists(Path.Combine(K8s, r)), $"kustomization.yaml lists {r}, which does not exist"));
        var separate = new[] { "migrate-job.yaml", Path.Combine("gpu", "kt-batch-job.yaml") };
        var expected = ManifestFiles().Select(f => Path.GetRelativePath(K8s, f)).Except(separate).Order();
        Assert.Equal(expected, listed.Order());
        Assert.Equal("ghcr.io/tutorapp/tutorapp", kustomization.Text("images", 0, "name"));
    }

    [Fact]
    public void The_deployment_runs_several_non_root_replicas_with_resources_and_probes_on_the_health_endpoints()
    {
        var deployment = Object("Deployment", "tutorapp");
        Assert.True(int.Parse(deployment.Text("spec", "replicas")!) >= 2);
        Assert.Equal("0", deployment.Text("spec", "strategy", "rollingUpdate", "maxUnavailable"));
        var pod = deployment.Map("spec", "template", "spec");
        Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
        Assert.NotEqual("0", pod.Text("securityContext", "runAsUser"));

        var container = Assert.Single(pod.Items("containers"));
        Assert.Matches(@"^[\w.\-/]+:\d+\.\d+\.\d+$", container.Text("image"));
        foreach (var kind in new[] { "requests", "limits" })
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.False(string.IsNullOrEmpty(container.Text("resources", kind, resource)), $"resources.{kind}.{resource} is missing");
            }
        }
        var port = container.Text("ports", 0, "name");
        Assert.Equal("8080", container.Text("ports", 0, "containerPort"));
        Assert.Equal(("/health/ready", port), (container.Text("readinessProbe", "httpGet", "path"), container.Text("readinessProbe", "httpGet", "port")));
        Assert.Equal(("/health", port), (container.Text("livenessProbe", "httpGet", "path"), container.Text("livenessProbe", "httpGet", "port")));
        Assert.Equal("/health", container.Text("startupProbe", "httpGet", "path"));
        Assert.Equal("false", container.Text("securityContext", "allowPrivilegeEscalation"));
        Assert.Equal("true", container.Text("securityContext", "readOnlyRootFilesystem"));
        Assert.Contains("ALL", container.Items("securityContext", "capabilities", "drop").Cast<string>());
        // A read-only root file system still needs a writable /tmp.
        Assert.Contains(container.Items("volumeMounts"), m => m.Text("mountPath") == "/tmp");

        var envFrom = container.Items("envFrom");
        Assert.Contains(envFrom, e => e.Text("configMapRef", "name") == Object("ConfigMap").Text("metadata", "name"));
        Assert.Contains(envFrom, e => e.Text("secretRef", "name") == Object("Secret").Text("metadata", "name"));
    }

    [Fact]
    public void Service_ingress_and_autoscaler_point_at_the_deployment()
    {
        var deployment = Object("Deployment", "tutorapp");
        var podLabels = deployment.Map("spec", "template", "metadata", "labels");
        var service = Object("Service", "tutorapp");
        foreach (var (key, value) in service.Map("spec", "selector"))
        {
            Assert.Equal(value, podLabels.GetValueOrDefault(key));
        }
        Assert.Equal(deployment.Text("spec", "template", "spec", "containers", 0, "ports", 0, "name"), service.Text("spec", "ports", 0, "targetPort"));

        var ingress = Object("Ingress", "tutorapp");
        var backend = ingress.At("spec", "rules", 0, "http", "paths", 0, "backend", "service");
        Assert.Equal(service.Text("metadata", "name"), backend.Text("name"));
        Assert.Equal(service.Text("spec", "ports", 0, "name"), backend.Text("port", "name"));

        var hpa = Object("HorizontalPodAutoscaler", "tutorapp");
        Assert.Equal(("Deployment", "tutorapp"), (hpa.Text("spec", "scaleTargetRef", "kind"), hpa.Text("spec", "scaleTargetRef", "name")));
        var (min, max) = (int.Parse(hpa.Text("spec", "minReplicas")!), int.Parse(hpa.Text("spec", "maxReplicas")!));
        Assert.True(min >= 2 && max > min, $"HPA replicas {min}..{max}");

        var budget = Object("PodDisruptionBudget", "tutorapp");
        Assert.True(int.Parse(budget.Text("spec", "minAvailable")!) < min, "the disruption budget must allow a node drain at minimum scale");
    }

    [Fact]
    public void The_ingress_keeps_a_browser_on_one_replica_and_its_websockets_open()
    {
        var annotations = Object("Ingress", "tutorapp").Map("metadata", "annotations");
        string Annotation(string name) => annotations.GetValueOrDefault("nginx.ingress.kubernetes.io/" + name) as string ?? "";
        Assert.Equal("cookie", Annotation("affinity"));
        Assert.Equal("persistent", Annotation("affinity-mode"));
        Assert.NotEqual("tutor.auth", Annotation("session-cookie-name"));
        Assert.True(int.Parse(Annotation("proxy-read-timeout")) >= 3600, "idle WebSockets would be cut");
        Assert.True(int.Parse(Annotation("proxy-send-timeout")) >= 3600, "idle WebSockets would be cut");
    }

    [Fact]
    public void Settings_turn_start_up_migration_off_and_the_secret_holds_only_placeholders()
    {
        var config = Object("ConfigMap").Map("data");
        Assert.Equal("false", config.GetValueOrDefault("Database__ApplyMigrationsOnStartup"));
        Assert.Equal("true", config.GetValueOrDefault("ForwardedHeaders__Enabled"));
        Assert.All(config.Keys.Cast<string>(), key => Assert.Matches(@"^(ASPNETCORE_[A-Z_]+|[A-Z][A-Za-z]+(__[A-Za-z0-9]+)+)$", key));

        var secret = Object("Secret");
        Assert.Null(secret.At("data"));
        Assert.All(secret.Map("stringData"), entry =>
            Assert.True((string)entry.Value == "" || ((string)entry.Value).StartsWith("REPLACE_", StringComparison.Ordinal),
                $"secret.yaml: {entry.Key} holds a value; commit placeholders only"));
    }

    [Fact]
    public void The_migration_job_runs_the_cli_with_the_deployments_image_and_database()
    {
        var deployment = Object("Deployment", "tutorapp").At("spec", "template", "spec", "containers", 0);
        var job = Object("Job", "tutorapp-migrate");
        var container = job.At("spec", "template", "spec", "containers", 0);
        Assert.Equal(new[] { "dotnet", "tutor.dll", "migrate" }, container.Items("command").Cast<string>());
        Assert.Equal(deployment.Text("image"), container.Text("image"));
        Assert.Equal("Never", job.Text("spec", "template", "spec", "restartPolicy"));
        Assert.Equal("true", job.Text("spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal(ConnectionString(deployment).Split("Maximum Pool Size")[0].TrimEnd(';'), ConnectionString(container));
        Assert.False(string.IsNullOrEmpty(container.Text("resources", "limits", "memory")));
    }

    [Fact]
    public void The_database_cluster_is_the_one_the_app_connects_to()
    {
        var cluster = Object("Cluster", "tutor-db");
        Assert.Equal("postgresql.cnpg.io/v1", cluster.Text("apiVersion"));
        Assert.True(int.Parse(cluster.Text("spec", "instances")!) >= 2);
        Assert.Equal(("tutor", "tutor"), (cluster.Text("spec", "bootstrap", "initdb", "database"), cluster.Text("spec", "bootstrap", "initdb", "owner")));
        var container = Object("Deployment", "tutorapp").At("spec", "template", "spec", "containers", 0);
        // CloudNativePG names the primary's Service <cluster>-rw and the owner's credentials Secret <cluster>-app.
        Assert.Contains("Host=tutor-db-rw;", ConnectionString(container));
        Assert.Contains("Database=tutor;Username=tutor;", ConnectionString(container));
        Assert.Contains(container.Items("env"), e => e.Text("valueFrom", "secretKeyRef", "name") == "tutor-db-app");
    }

    [Fact]
    public void The_gpu_job_asks_for_a_gpu_and_the_cuda_provider()
    {
        var job = Object("Job", "tutorapp-kt-score");
        var pod = job.Map("spec", "template", "spec");
        var container = pod.At("containers", 0);
        Assert.Equal("1", container.Text("resources", "limits", "nvidia.com/gpu"));
        Assert.Contains(container.Items("env"), e => e.Text("name") == "KnowledgeTracing__ExecutionProvider" && e.Text("value") == "cuda");
        Assert.Contains(pod.Items("tolerations"), t => t.Text("key") == "nvidia.com/gpu");
        Assert.Equal(new[] { "dotnet", "tutor.dll", "kt", "evaluate" }, container.Items("command").Cast<string>().Take(4));
        var model = container.Items("command").Cast<string>().SkipWhile(a => a != "--model").Skip(1).First();
        Assert.True(File.Exists(YamlFiles.Repo("src", "TutorApp.KnowledgeTracing", model)), $"the job scores with {model}, which is not shipped");
        Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
    }

    private static string ConnectionString(object? container) =>
        container.Items("env").Single(e => e.Text("name") == "ConnectionStrings__Tutor").Text("value")!;
}
