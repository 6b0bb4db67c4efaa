using System.Globalization;
using System.Text.RegularExpressions;
using CryptoDigest.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Tests.Deploy;

/// <summary>
/// deploy/k8s as a cluster would take it: every manifest parses and names its object; every environment
/// variable names a real setting and the settings validate; the probes and the Ingress reach endpoints the
/// serving Host really maps, on the port its image listens on; the selectors, the disruption budget and the
/// migration Job fit the Deployment.
/// </summary>
public partial class KubernetesManifestTests
{
    private const string Folder = "deploy/k8s";

    public static TheoryData<string> Manifests() => [.. ManifestFiles()];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Each_manifest_parses_and_names_its_kind_and_object(string file)
    {
        var documents = DeployFile.Documents(file);

        Assert.NotEmpty(documents);
        Assert.All(documents, document =>
        {
            Assert.Matches("^([a-z0-9.]+/)?v[0-9]+((alpha|beta)[0-9]+)?$", document.Text("apiVersion"));
            Assert.Matches("^[A-Z][A-Za-z]+$", document.Text("kind"));
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", document.Text("metadata.name"));
        });
    }

    [Fact]
    public void The_kustomization_lists_the_long_lived_objects_and_leaves_the_template_the_example_and_the_job_out()
    {
        var kustomization = DeployFile.Single($"{Folder}/kustomization.yaml");
        var listed = kustomization.List("resources").Cast<string>().ToList();

        Assert.Equal(["configmap.yaml", "deployment.yaml", "pdb.yaml", "service.yaml"], listed.Order());
        Assert.All(listed, file => Assert.True(File.Exists(RepositoryFiles.Find($"{Folder}/{file}")), file));
    }

    [Fact]
    public void Every_environment_variable_names_a_setting_of_appsettings_example()
    {
        var problems = EnvironmentVariables().Select(v => Settings.Problem(v.Name, v.Where)).OfType<string>().ToList();

        Assert.NotEmpty(EnvironmentVariables());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_configmap_and_the_filled_in_secret_validate_in_every_settings_class()
    {
        // The template's placeholders filled in as an operator would: a token, a secret, a connection string.
        using var app = ExportedSeries.BuildServing(ClusterSettings(withFakeSecrets: true));
        var classes = SettingsTypes(app.Services).ToList();

        Assert.Contains(classes, type => type.Name == "TelegramOptions");
        foreach (var options in classes)
        {
            var accessor = typeof(IOptions<>).MakeGenericType(options);
            var error = Record.Exception(() => accessor.GetProperty("Value")!.GetValue(app.Services.GetRequiredService(accessor)));
            Assert.True(error is null, $"{options.Name}: {error?.InnerException?.Message ?? error?.Message}");
        }
    }

    [Fact]
    public void The_secret_template_holds_no_secret()
    {
        var secret = DeployFile.Single($"{Folder}/secret.example.yaml");

        Assert.Equal("Secret", secret.Text("kind"));
        Assert.All(secret.Map("stringData"), entry =>
        {
            var value = Assert.IsType<string>(entry.Value);
            Assert.True(value.Length == 0 || value.Contains("CHANGE-ME", StringComparison.Ordinal), $"{entry.Key} looks like a real value");
        });
    }

    [Fact]
    public void The_probes_and_the_ingress_reach_endpoints_the_serving_host_maps()
    {
        using var app = ExportedSeries.BuildServing(ClusterSettings(withFakeSecrets: true));
        var mapped = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);

        var probes = Containers(Deployment()).SelectMany(c => new[] { "startupProbe", "livenessProbe", "readinessProbe" }.Select(p => c.Map($"{p}.httpGet"))).ToList();
        var ingressPaths = DeployFile.Single($"{Folder}/ingress.example.yaml").Maps("spec.rules").SelectMany(rule => rule.Maps("http.paths")).Select(p => p.Text("path")).ToList();

        Assert.Equal(3, probes.Count);
        Assert.All(probes, probe => Assert.Contains(probe.Text("path"), mapped));
        Assert.Contains("/healthz/ready", probes.Select(p => p.Text("path")));
        Assert.Contains("/healthz/live", probes.Select(p => p.Text("path")));
        Assert.Equal(["/discord/interactions", "/telegram/webhook"], ingressPaths.Order());
        Assert.All(ingressPaths, path => Assert.Contains(path, mapped));
        Assert.Contains("/metrics", mapped);
    }

    [Fact]
    public void The_ports_agree_from_the_image_to_the_ingress()
    {
        var imagePort = DockerfilePort();
        var container = Assert.Single(Containers(Deployment()));
        var port = Assert.Single(container.Maps("ports"));
        var service = DeployFile.Single($"{Folder}/service.yaml");
        var servicePort = Assert.Single(service.Maps("spec.ports"));

        Assert.Equal(imagePort, port.Number("containerPort"));
        Assert.All(new[] { "startupProbe", "livenessProbe", "readinessProbe" }, p => Assert.Equal(port.Text("name"), container.Text($"{p}.httpGet.port")));
        Assert.Equal(port.Text("name"), servicePort.Text("targetPort"));
        Assert.Equal(imagePort.ToString(CultureInfo.InvariantCulture), Deployment().Map("spec.template.metadata.annotations")["prometheus.io/port"]);
        var backends = DeployFile.Single($"{Folder}/ingress.example.yaml").Maps("spec.rules").SelectMany(r => r.Maps("http.paths")).Select(p => p.Map("backend.service")).ToList();
        Assert.All(backends, backend =>
        {
            Assert.Equal(service.Text("metadata.name"), backend.Text("name"));
            Assert.Equal(servicePort.Text("name"), backend.Text("port.name"));
        });
    }

    [Fact]
    public void Replicas_are_two_or_more_and_the_selectors_and_the_disruption_budget_fit_them()
    {
        var deployment = Deployment();
        var podLabels = deployment.Map("spec.template.metadata.labels");
        var replicas = deployment.Number("spec.replicas");
        var pdb = DeployFile.Single($"{Folder}/pdb.yaml");

        Assert.InRange(replicas, 2, 100);
        Assert.Equal("0", deployment.Text("spec.strategy.rollingUpdate.maxUnavailable"));
        AssertSelects(deployment.Map("spec.selector.matchLabels"), podLabels);
        AssertSelects(DeployFile.Single($"{Folder}/service.yaml").Map("spec.selector"), podLabels);
        AssertSelects(pdb.Map("spec.selector.matchLabels"), podLabels);
        Assert.InRange(pdb.Number("spec.minAvailable"), 1, replicas - 1);
    }

    [Fact]
    public void Each_replica_sends_its_share_of_Telegrams_bot_wide_pace_and_leaves_migrations_to_the_job()
    {
        var config = ConfigMap();
        var replicas = Deployment().Number("spec.replicas");

        Assert.InRange(int.Parse(config["Telegram__GlobalMessagesPerSecond"], CultureInfo.InvariantCulture) * replicas, 1, 30);
        Assert.Equal("false", config["Storage__MigrateOnStart"]);
        Assert.StartsWith("https://", config["Telegram__WebhookUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_job_runs_the_hosts_db_migrate_verb_with_the_replicas_image_and_settings()
    {
        var job = DeployFile.Single($"{Folder}/migrate-job.yaml");
        var migrate = Assert.Single(Containers(job));
        var bot = Assert.Single(Containers(Deployment()));

        Assert.Equal(["db", "migrate"], migrate.List("args").Cast<string>());
        Assert.Equal(bot.Text("image"), migrate.Text("image"));
        Assert.Equal(EnvFrom(bot), EnvFrom(migrate));
        Assert.Equal("Never", job.Text("spec.template.spec.restartPolicy"));
        Assert.Equal(["serve"], bot.List("args").Cast<string>());
    }

    [Theory]
    [InlineData("db migrate")]
    [InlineData("serve")]
    public async Task The_verbs_the_manifests_run_are_the_hosts(string verb)
    {
        // The Host's own list of its verbs (a verb's settings come after it, so "<verb> --help" would run it).
        using var output = new StringWriter();

        var exit = await HostCommandLine.RunAsync(["--help"], TextReader.Null, output, TextWriter.Null);

        Assert.Equal(HostCommandLine.Ok, exit);
        Assert.Matches($@"(?m)^\s+{verb}\s", output.ToString());
    }

    [Fact]
    public void Every_container_requests_measured_resources()
    {
        foreach (var container in Containers(Deployment()).Concat(Containers(DeployFile.Single($"{Folder}/migrate-job.yaml"))))
        {
            Assert.Matches("^[0-9]+m$", container.Text("resources.requests.cpu"));
            Assert.Matches("^[0-9]+Mi$", container.Text("resources.requests.memory"));
            Assert.True(Mebibytes(container.Text("resources.limits.memory")) >= Mebibytes(container.Text("resources.requests.memory")));
        }

        // The figure deploy/README.md measured under load must fit in the replicas' request.
        var readme = File.ReadAllText(RepositoryFiles.Find("deploy/README.md"));
        var measured = int.Parse(MeasuredPeak().Match(readme).Groups["mb"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(measured * 1_000_000L / (1024 * 1024), 1, Mebibytes(Assert.Single(Containers(Deployment())).Text("resources.requests.memory")));
    }

    internal static Dictionary<string, object?> Deployment() => DeployFile.Single($"{Folder}/deployment.yaml");

    internal static Dictionary<string, string> ConfigMap() =>
        DeployFile.Single($"{Folder}/configmap.yaml").Map("data").ToDictionary(e => e.Key, e => Assert.IsType<string>(e.Value));

    /// <summary>The ConfigMap and the Secret template as the replicas' environment, as configuration keys.</summary>
    internal static IEnumerable<KeyValuePair<string, string>> ClusterSettings(bool withFakeSecrets)
    {
        var secret = DeployFile.Single($"{Folder}/secret.example.yaml").Map("stringData").ToDictionary(e => e.Key, e => (string)e.Value!);
        var config = ConfigMap();
        if (withFakeSecrets)
        {
            secret["Telegram__BotToken"] = "123456:fake-token-for-the-manifest-tests";
            // Discord switched on too, so its endpoint is mapped and its settings validated.
            config["Discord__ApplicationId"] = "123456789012345678";
            config["Discord__PublicKey"] = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
            secret["Discord__BotToken"] = "fake-discord-token-for-the-manifest-tests";
            // Storage stays SQLite (in a folder of its own): nothing is started, and no server is asked.
            secret.Remove("ConnectionStrings__Postgres");
        }

        return config.Concat(secret)
            .Select(e => new KeyValuePair<string, string>(Settings.KeyOf(e.Key), e.Value))
            .Append(new("Storage:SqlitePath", Path.Combine(Path.GetTempPath(), "cryptodigest-manifest-tests", "bot.db")));
    }

    /// <summary>Every settings class the composition binds (each has a SectionName and a change-token source).</summary>
    private static IEnumerable<Type> SettingsTypes(IServiceProvider services) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name is { } name && name.StartsWith("CryptoDigest", StringComparison.Ordinal) && !name.Contains("Tests", StringComparison.Ordinal))
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericType: false } && t.GetField("SectionName") is { IsLiteral: true })
            .Where(t => services.GetService(typeof(IOptionsChangeTokenSource<>).MakeGenericType(t)) is not null);

    private static IEnumerable<(string Name, string Where)> EnvironmentVariables()
    {
        foreach (var key in ConfigMap().Keys)
        {
            yield return (key, "configmap.yaml");
        }

        foreach (var key in DeployFile.Single($"{Folder}/secret.example.yaml").Map("stringData").Keys)
        {
            yield return (key, "secret.example.yaml");
        }

        foreach (var (file, document) in ManifestFiles().SelectMany(f => DeployFile.Documents(f).Select(d => (f, d))))
        {
            foreach (var container in document.TryNode("spec.template.spec.containers") is List<object?> ? Containers(document) : [])
            {
                foreach (var variable in container.TryNode("env") is List<object?> ? container.Maps("env") : [])
                {
                    yield return (variable.Text("name"), file);
                }
            }
        }
    }

    private static IReadOnlyList<Dictionary<string, object?>> Containers(Dictionary<string, object?> workload) =>
        workload.Maps("spec.template.spec.containers");

    private static string EnvFrom(Dictionary<string, object?> container) =>
        string.Join(",", container.Maps("envFrom").Select(source => source.TryNode("configMapRef") is not null ? "configmap:" + source.Text("configMapRef.name") : "secret:" + source.Text("secretRef.name")));

    private static void AssertSelects(Dictionary<string, object?> selector, Dictionary<string, object?> labels)
    {
        Assert.NotEmpty(selector);
        Assert.All(selector, entry => Assert.Equal(entry.Value, labels.GetValueOrDefault(entry.Key)));
    }

    private static long Mebibytes(string quantity) => long.Parse(quantity.TrimEnd('M', 'i'), CultureInfo.InvariantCulture);

    private static int DockerfilePort()
    {
        var dockerfile = File.ReadAllText(RepositoryFiles.Find("deploy/Dockerfile"));
        return int.Parse(ListenPort().Match(dockerfile).Groups["port"].Value, CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> ManifestFiles() =>
        Directory.GetFiles(RepositoryFiles.Find(Folder), "*.yaml")
            .Select(path => $"{Folder}/{Path.GetFileName(path)}")
            .Where(file => !file.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [GeneratedRegex(@"ENV ASPNETCORE_URLS=http://\+:(?<port>\d+)")]
    private static partial Regex ListenPort();

    [GeneratedRegex(@"peak working set under load was (?<mb>\d+) MB")]
    private static partial Regex MeasuredPeak();
}
