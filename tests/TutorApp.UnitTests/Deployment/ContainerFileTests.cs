using System.Text.RegularExpressions;

namespace TutorApp.UnitTests.Deployment;

/// <summary>
/// The image cannot be built here (no container engine, no registry), and hadolint is not packaged for Debian, so the
/// essentials are checked on the Dockerfile itself, and the compose file is checked as data.
/// </summary>
public sealed partial class ContainerFileTests
{
    private static readonly Dockerfile Image = Dockerfile.Load(YamlFiles.Repo("infra", "Dockerfile"));

    /// <summary>The stages something runs from: the default (last) one and the GPU variant.</summary>
    private static IEnumerable<DockerStage> RuntimeStages() => Image.Stages.Where(s => s.Name is "runtime" or "runtime-gpu");

    [Fact]
    public void The_image_is_built_in_an_sdk_stage_and_runs_from_the_aspnet_runtime()
    {
        Assert.True(Image.Stages.Count >= 2, "multi-stage build expected");
        var build = Image.Stages.Single(s => s.Name == "build");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", build.BaseImage);
        Assert.Contains(build.All("RUN"), r => r.Arguments.Contains("infra/publish.sh /out", StringComparison.Ordinal));

        var last = Image.Stages[^1];
        Assert.Equal("runtime", last.Name);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", last.BaseImage);
        Assert.Equal(2, RuntimeStages().Count());
        foreach (var stage in RuntimeStages())
        {
            Assert.Contains(stage.All("COPY"), c => c.Arguments.Contains("--from=build", StringComparison.Ordinal) && c.Arguments.Contains("/out/ /app/", StringComparison.Ordinal));
            Assert.DoesNotContain(stage.All("COPY").Concat(stage.All("ADD")), c => c.Arguments.Contains("Directory.Build.local.props", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_copy_from_names_an_earlier_stage_or_a_pinned_image()
    {
        var seen = new HashSet<string>();
        foreach (var stage in Image.Stages)
        {
            foreach (var copy in stage.All("COPY"))
            {
                var from = FromFlag().Match(copy.Arguments);
                if (from.Success)
                {
                    var source = from.Groups[1].Value;
                    Assert.True(seen.Contains(source) || IsPinned(source), $"line {copy.Line}: COPY --from={source} is neither an earlier stage nor a pinned image");
                }
            }
            if (stage.Name is not null)
            {
                seen.Add(stage.Name);
            }
        }
    }

    [Fact]
    public void Base_images_are_pinned_to_a_version()
    {
        var arguments = Image.Global.Where(i => i.Keyword == "ARG").Select(i => i.Arguments.Split('=', 2))
            .Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        // A stage built on an earlier stage (FROM build AS build-gpu) is pinned by that stage's image.
        foreach (var stage in Image.Stages.Where(s => !Image.Stages.Any(earlier => earlier.Name == s.BaseImage)))
        {
            var image = ArgReference().Replace(stage.BaseImage, m => arguments.GetValueOrDefault(m.Groups[1].Value, m.Value));
            Assert.True(IsPinned(image), $"line {stage.Line}: FROM {stage.BaseImage} is not pinned to a version");
        }
    }

    [Fact]
    public void Runtime_stages_run_as_a_numeric_non_root_user_with_a_health_check_on_the_health_endpoint()
    {
        foreach (var stage in RuntimeStages())
        {
            var user = stage.Last("USER") ?? throw new Xunit.Sdk.XunitException($"stage {stage.Name} has no USER");
            var uid = user.Arguments.Split(':')[0];
            Assert.True(int.TryParse(uid, out var id) && id > 0, $"stage {stage.Name}: USER {user.Arguments} must be a non-zero number (runAsNonRoot checks numbers)");
            // Nothing after USER switches back to root.
            Assert.DoesNotContain(stage.Instructions.SkipWhile(i => i != user), i => i.Keyword == "USER" && i.Arguments.StartsWith('0'));

            var health = stage.Last("HEALTHCHECK") ?? throw new Xunit.Sdk.XunitException($"stage {stage.Name} has no HEALTHCHECK");
            var port = Assert.Single(stage.All("EXPOSE")).Arguments;
            Assert.Contains($"http://127.0.0.1:{port}/health", health.Arguments);
            Assert.Contains(stage.All("ENV"), e => e.Arguments.Contains($"Urls=http://+:{port}", StringComparison.Ordinal));

            var command = stage.Last("CMD") ?? stage.Last("ENTRYPOINT");
            Assert.NotNull(command);
            Assert.StartsWith("[", command.Arguments);
        }
        var cpu = Image.Stages[^1];
        Assert.Contains("TutorApp.Web.dll", cpu.Last("CMD")!.Arguments);
    }

    [Fact]
    public void The_image_points_the_app_at_the_content_publish_puts_there_and_the_gpu_image_has_the_cuda_build()
    {
        var publish = File.ReadAllText(YamlFiles.Repo("infra", "publish.sh"));
        Assert.Contains("cp appsettings.json \"$out/\"", publish);
        Assert.Contains("cp -r migrations \"$out/migrations\"", publish);
        Assert.Contains("src/TutorApp.Cli/TutorApp.Cli.csproj", publish);
        foreach (var stage in RuntimeStages())
        {
            var environment = string.Join(' ', stage.All("ENV").Select(e => e.Arguments));
            // ONNX Runtime's native library comes with its NuGet package, beside the binaries: nothing to point at.
            Assert.DoesNotContain("OnnxRuntimeDirectory", environment);
            Assert.Contains("TUTOR_CONTENT_ROOT=/app", environment);
            // The root file system is read-only in Kubernetes; /tmp is the writable mount.
            Assert.Contains("HOME=/tmp", environment);
        }
        // The CUDA build of ONNX Runtime is one MSBuild switch, set only where the GPU image is published.
        var gpuBuild = Image.Stages.Single(s => s.Name == "build-gpu");
        Assert.Contains(gpuBuild.All("RUN"), r => r.Arguments.Contains("-p:OnnxRuntimeGpu=true", StringComparison.Ordinal));
        Assert.DoesNotContain(Image.Stages.Single(s => s.Name == "build").All("RUN"), r => r.Arguments.Contains("OnnxRuntimeGpu", StringComparison.Ordinal));
        var gpu = Image.Stages.Single(s => s.Name == "runtime-gpu");
        Assert.Contains(gpu.All("COPY"), c => c.Arguments.Contains("--from=build-gpu", StringComparison.Ordinal));
    }

    [Fact]
    public void No_secret_is_baked_into_the_image()
    {
        foreach (var stage in Image.Stages)
        {
            foreach (var instruction in stage.All("ENV").Concat(stage.All("ARG")).Concat(Image.Global))
            {
                foreach (Match setting in Setting().Matches(instruction.Arguments))
                {
                    var (name, value) = (setting.Groups[1].Value, setting.Groups[2].Value.Trim('"'));
                    if (SecretName().IsMatch(name) && !name.EndsWith("SHA256", StringComparison.Ordinal))
                    {
                        Assert.True(value.Length == 0, $"line {instruction.Line}: {name} has a value baked into the image");
                    }
                }
            }
            Assert.DoesNotContain(stage.Instructions, i => ConnectionStringWithPassword().IsMatch(i.Arguments));
        }

        var ignored = File.ReadAllLines(YamlFiles.Repo(".dockerignore")).Select(l => l.Trim()).ToHashSet();
        foreach (var path in new[] { ".git", "**/bin", "**/obj", "node_modules", ".local", "Directory.Build.local.props", ".env", "**/*.pfx" })
        {
            Assert.True(ignored.Contains(path), $".dockerignore does not exclude {path}");
        }
    }

    [Fact]
    public void Compose_runs_the_app_after_migrations_on_postgres_with_an_optional_ollama()
    {
        var compose = YamlFiles.Documents(YamlFiles.Repo("infra", "compose.yaml")).Single();
        var services = compose.Map("services");
        Assert.Equal(new[] { "app", "db", "migrate", "ollama" }, services.Keys.Cast<string>().Order());

        var app = services["app"];
        Assert.Equal("infra/Dockerfile", app.Text("build", "dockerfile"));
        Assert.True(File.Exists(Path.Combine(YamlFiles.Repo("infra"), app.Text("build", "context")!, "infra", "Dockerfile")));
        Assert.Equal("service_completed_successfully", app.Text("depends_on", "migrate", "condition"));
        Assert.Equal("false", app.Text("environment", "Database__ApplyMigrationsOnStartup"));
        Assert.Equal(new[] { "dotnet", "tutor.dll", "migrate" }, services["migrate"].Items("command").Cast<string>());
        Assert.Equal("service_healthy", services["migrate"].Text("depends_on", "db", "condition"));
        Assert.Equal(new[] { "llm" }, services["ollama"].Items("profiles").Cast<string>());
        Assert.Null(app.At("profiles"));

        foreach (var (name, service) in services)
        {
            var image = service.Text("image")!;
            Assert.True(service.At("build") is not null || IsPinned(image), $"service {name}: image {image} is not pinned");
            foreach (var (key, value) in service.Map("environment"))
            {
                var text = value as string ?? "";
                // Passwords and keys come from the environment of `docker compose`, never from this file.
                Assert.False(SecretName().IsMatch((string)key) && text.Length > 0 && !text.StartsWith("${", StringComparison.Ordinal),
                    $"service {name}: {key} holds a literal value");
                Assert.DoesNotMatch(@"Password=(?!\$\{)", text);
            }
        }
    }

    private static bool IsPinned(string image)
    {
        var name = image.Split('@')[0];
        var tag = name.Contains(':') ? name[(name.LastIndexOf(':') + 1)..] : "";
        return image.Contains('@') || (tag.Length > 0 && tag != "latest" && !tag.Contains('/'));
    }

    [GeneratedRegex(@"--from=(\S+)")]
    private static partial Regex FromFlag();

    [GeneratedRegex(@"\$\{?(\w+)\}?")]
    private static partial Regex ArgReference();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(""[^""]*""|\S*)")]
    private static partial Regex Setting();

    [GeneratedRegex("(PASSWORD|SECRET|TOKEN|API_?KEY|ApiKey|Password|Secret|Token)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("Password=[^;$\\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringWithPassword();
}
