using System.Text.Json;
using System.Text.RegularExpressions;

namespace CryptoDigest.Tests.Deploy;

/// <summary>
/// The compose file's scale profile and what it monitors with: the default profile is still the one bot and
/// its database; the scale profile adds a second instance, the proxy, Prometheus and Grafana; every
/// environment variable names a setting; Prometheus scrapes each bot on the port it listens on; and every
/// series the alert rules and the dashboard query is one the bot exports (or a known OpenTelemetry one).
/// </summary>
public partial class MonitoringTests
{
    private const string Compose = "deploy/docker-compose.yml";
    private const string Dashboard = "deploy/grafana/dashboards/cryptodigest.json";

    [Fact]
    public void The_default_profile_is_the_bot_and_its_database_and_the_scale_profile_adds_the_rest()
    {
        var services = Services();

        var byDefault = services.Where(s => s.Value.TryNode("profiles") is null).Select(s => s.Key).Order();
        var scale = services.Where(s => s.Value.TryNode("profiles") is List<object?> profiles && profiles.Contains("scale")).Select(s => s.Key).Order();

        Assert.Equal(["bot", "postgres"], byDefault);
        Assert.Equal(["bot-2", "grafana", "prometheus", "proxy"], scale);
        Assert.Equal("8080:8080", Assert.Single(services["bot"].List("ports")));
        Assert.Equal(services["bot"].Map("environment"), services["bot-2"].Map("environment"));
    }

    [Fact]
    public void Every_environment_variable_of_a_bot_names_a_setting()
    {
        var problems = BotServices()
            .SelectMany(bot => bot.Value.Map("environment").Keys.Select(variable => Settings.Problem(variable, $"{Compose} ({bot.Key})")))
            .OfType<string>()
            .ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Prometheus_scrapes_every_bot_instance_on_its_port_and_loads_the_rules()
    {
        var prometheus = DeployFile.Single("deploy/prometheus/prometheus.yml");
        var job = Assert.Single(prometheus.Maps("scrape_configs"));
        var targets = job.Maps("static_configs").SelectMany(c => c.List("targets").Cast<string>()).Order();
        var port = Services()["bot"].List("ports").Cast<string>().Single().Split(':')[^1];

        Assert.Equal(BotServices().Select(b => $"{b.Key}:{port}").Order(), targets);
        Assert.Equal("/metrics", job.Text("metrics_path"));
        Assert.All(prometheus.List("rule_files").Cast<string>(), file => Assert.True(File.Exists(RepositoryFiles.Find($"deploy/prometheus/{file}")), file));
    }

    [Fact]
    public void The_proxy_passes_the_webhook_paths_to_every_bot_instance()
    {
        var nginx = File.ReadAllText(RepositoryFiles.Find("deploy/nginx/nginx.conf"));

        var upstreams = UpstreamServer().Matches(nginx).Select(m => m.Groups["host"].Value).Order();

        Assert.Equal(BotServices().Select(b => b.Key).Order(), upstreams);
        Assert.Contains("location = /telegram/webhook", nginx, StringComparison.Ordinal);
        Assert.Contains("location = /discord/interactions", nginx, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_rule_queries_exported_series_and_says_what_is_wrong()
    {
        var rules = DeployFile.Single("deploy/prometheus/alerts.yml").Maps("groups").SelectMany(g => g.Maps("rules")).ToList();

        Assert.Contains(rules, r => r.Text("expr").Contains("cryptodigest_model_budget_remaining_tokens", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Text("expr").Contains("outcome=~\"failed|rejected\"", StringComparison.Ordinal));
        Assert.All(rules, rule =>
        {
            Assert.Matches("^CryptoDigest[A-Za-z]+$", rule.Text("alert"));
            Assert.NotEmpty(rule.Text("annotations.summary"));
            Assert.Contains(rule.Text("labels.severity"), new[] { "warning", "critical" });
        });
        AssertExported(rules.Select(r => r.Text("expr")), "deploy/prometheus/alerts.yml");
    }

    [Fact]
    public void The_dashboard_shows_deliveries_sends_latency_feeds_and_spend_from_exported_series()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Find(Dashboard)));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        var queries = panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        var datasource = DeployFile.Single("deploy/grafana/provisioning/datasources/prometheus.yml").Maps("datasources").Single().Text("uid");

        foreach (var series in new[] { "cryptodigest_deliveries_total", "cryptodigest_messages_sent_total", "cryptodigest_command_duration_seconds_bucket", "cryptodigest_feed_fetches_total", "cryptodigest_model_tokens_total", "cryptodigest_model_budget_remaining_tokens" })
        {
            Assert.Contains(queries, q => q.Contains(series, StringComparison.Ordinal));
        }

        Assert.All(panels, panel => Assert.Equal(datasource, panel.GetProperty("datasource").GetProperty("uid").GetString()));
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        AssertExported(queries, Dashboard);
    }

    [Fact]
    public void Grafana_loads_the_dashboard_from_where_compose_mounts_it()
    {
        var grafana = Services()["grafana"];
        var provider = DeployFile.Single("deploy/grafana/provisioning/dashboards/cryptodigest.yml").Maps("providers").Single();

        var mounts = grafana.List("volumes").Cast<string>().Select(v => v.Split(':')).ToDictionary(v => v[1], v => v[0]);

        Assert.Equal("./grafana/dashboards", mounts[provider.Text("options.path")]);
        Assert.Equal("./grafana/provisioning", mounts["/etc/grafana/provisioning"]);
        Assert.StartsWith(provider.Text("options.path") + "/", grafana.Text("environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"), StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryFiles.Find("deploy/grafana/dashboards/" + Path.GetFileName(grafana.Text("environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")))));
    }

    [Theory]
    [InlineData("sum by (status) (increase(cryptodigest_deliveries_total[$__rate_interval]))", "cryptodigest_deliveries_total")]
    [InlineData("histogram_quantile(0.95, sum by (le, command) (rate(cryptodigest_command_duration_seconds_bucket[5m])))", "cryptodigest_command_duration_seconds_bucket")]
    [InlineData("max(cryptodigest_jobs_failed) - max(cryptodigest_jobs_failed offset 1h) > 0", "cryptodigest_jobs_failed")]
    [InlineData("sum(rate(a_total{outcome=~\"failed|rejected\"}[10m])) / sum(rate(b_total[10m])) > 0.05", "a_total,b_total")]
    [InlineData("x unless on (source) y and bool z", "x,y,z")]
    public void PromQl_MetricNames_FindsTheSeriesAndNothingElse(string expression, string expected)
    {
        Assert.Equal(expected.Split(',').Order(), PromQl.MetricNames(expression).Order());
    }

    private static void AssertExported(IEnumerable<string> expressions, string where)
    {
        var known = ExportedSeries.Bots().Concat(ExportedSeries.OpenTelemetryAndPrometheus).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("cryptodigest_messages_sent_total", known);
        Assert.Contains("cryptodigest_outbox_pending", known);
        Assert.Contains("cryptodigest_model_budget_remaining_tokens", known);
        Assert.Contains("cryptodigest_jobs_failed", known);
        var unknown = expressions.SelectMany(e => PromQl.MetricNames(e).Select(name => (name, e))).Where(x => !known.Contains(x.name)).ToList();
        Assert.True(unknown.Count == 0, string.Join("\n", unknown.Select(u => $"{where}: {u.name} is not exported (in: {u.e})")));
    }

    private static Dictionary<string, Dictionary<string, object?>> Services() =>
        DeployFile.Single(Compose).Map("services").ToDictionary(s => s.Key, s => Assert.IsType<Dictionary<string, object?>>(s.Value, exactMatch: false));

    private static IEnumerable<KeyValuePair<string, Dictionary<string, object?>>> BotServices() =>
        Services().Where(s => s.Value.TryNode("build.dockerfile") is "deploy/Dockerfile");

    [GeneratedRegex(@"^\s*server (?<host>[a-z0-9-]+):\d+", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();
}
