extern alias EngagementService;
extern alias GatewayService;
extern alias IngestService;
extern alias SessionizationService;
extern alias SubscriptionsService;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using MassTransit.Monitoring;
using YamlDotNet.RepresentationModel;

namespace Streaming.Integration.Tests.Telemetry;

/// <summary>
/// Every metric a dashboard query names is one that Prometheus gets: the services' names come from their /metrics as
/// their exporter spells them (unit suffixes, _total, _bucket), the broker's from its prometheus endpoint as the
/// scrape configuration asks for it. A renamed instrument or a typo in a query fails here, not on an empty panel.
/// </summary>
public sealed partial class DashboardMetricNamesTests(RealDependencies deps) : IClassFixture<RealDependencies>
{
    private static readonly HashSet<string> PromQlWords = ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset"];

    [Fact]
    public async Task Dashboard_queries_name_only_metrics_the_services_and_the_broker_expose()
    {
        var wanted = DashboardQueries().SelectMany(MetricNames).ToHashSet();
        Assert.Contains("ingest_events_accepted_total", wanted); // the extraction finds names at all

        var exposed = new HashSet<string>();
        var ns = RealDependencies.NewNamespace("dash");
        exposed.UnionWith(await ScrapeAsync<IngestService::Program>(ns, s => s.GetRequiredService<IngestService::Streaming.Ingest.Telemetry.IngestTelemetry>()));
        exposed.UnionWith(await ScrapeAsync<SessionizationService::Program>(ns, s => s.GetRequiredService<SessionizationService::Streaming.Sessionization.SessionizationMetrics>()));
        exposed.UnionWith(await ScrapeAsync<SubscriptionsService::Program>(ns, s => s.GetRequiredService<SubscriptionsService::Streaming.Subscriptions.SubscriptionsMetrics>()));
        exposed.UnionWith(await ScrapeAsync<EngagementService::Program>(ns, s => s.GetRequiredService<EngagementService::Streaming.EngagementRanking.EngagementMetrics>()));
        exposed.UnionWith(await ScrapeAsync<GatewayService::Program>(ns, s => s.GetRequiredService<GatewayService::Streaming.Gateway.GatewayTelemetry>()));
        exposed.UnionWith(await ScrapeBrokerAsync());

        var missing = wanted.Except(exposed).Order().ToList();
        Assert.True(missing.Count == 0,
            $"dashboard queries name metrics nobody exposes: {string.Join(", ", missing)}\nexposed: {string.Join(", ", exposed.Order())}");
    }

    [Fact]
    public void Metric_names_are_read_from_queries_without_functions_labels_or_ranges()
    {
        Assert.Equal(["a_bucket"], MetricNames("histogram_quantile(0.99, sum by (le, job) (rate(a_bucket{queue=~\".*_error\"}[5m])))"));
        Assert.Equal(["x_total", "y"], MetricNames("sum(rate(x_total[1m])) / sum without (instance) (y) * 60"));
    }

    /// <summary>Hosts a service, records a zero on every instrument of its own meters (so each is exported), scrapes /metrics.</summary>
    private async Task<HashSet<string>> ScrapeAsync<TProgram>(string ns, Func<IServiceProvider, object> createInstruments) where TProgram : class
    {
        await using var host = new WebApplicationFactory<TProgram>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in deps.ServiceSettings(ns)) builder.UseSetting(key, value);
        });
        var client = host.CreateClient();
        createInstruments(host.Services);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var instruments = new List<Instrument>();
        using (var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory)) instruments.Add(instrument);
            },
        })
        {
            listener.Start();
        }
        Assert.NotEmpty(instruments);
        instruments.ForEach(RecordZero);
        // Recorded now that this host's meter provider listens: measurements taken before it existed never reach it.
        using var massTransit = MirrorMassTransitInstruments();
        return ExpositionNames(await OperatorEndpoints.ScrapeAsync(client));
    }

    /// <summary>
    /// MassTransit's meter is created once per process, by the first host's meter factory (and gone with that host),
    /// so its instruments are mirrored on a meter of the same name, from MassTransit's own default names: counters in
    /// "ea", durations as millisecond histograms, as MassTransit 8 creates them.
    /// </summary>
    private static Meter MirrorMassTransitInstruments()
    {
        var options = new InstrumentationOptions();
        new ConfigureDefaultInstrumentationOptions().Configure(options);
        var meter = new Meter(InstrumentationOptions.MeterName);
        foreach (var property in typeof(InstrumentationOptions).GetProperties().Where(p => p.PropertyType == typeof(string)))
        {
            if (property.GetValue(options) is not string name) continue;
            if (property.Name.EndsWith("Total", StringComparison.Ordinal)) meter.CreateCounter<long>(name, "ea").Add(0);
            else if (property.Name.EndsWith("Duration", StringComparison.Ordinal)) meter.CreateHistogram<double>(name, "ms").Record(0);
        }
        return meter;
    }

    /// <summary>The broker's metrics, fetched the way the scrape configuration's RabbitMQ jobs fetch them.</summary>
    private async Task<HashSet<string>> ScrapeBrokerAsync()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepositoryRoot(), "infra", "prometheus", "prometheus.yml"))));
        var jobs = ((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["scrape_configs"]).Children.Cast<YamlMappingNode>()
            .Where(job => job.AllNodes.OfType<YamlScalarNode>().Any(n => n.Value!.StartsWith("rabbitmq:", StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(jobs);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var names = new HashSet<string>();
        foreach (var job in jobs)
        {
            var path = job.Children.TryGetValue("metrics_path", out var p) ? ((YamlScalarNode)p).Value : "/metrics";
            var query = job.Children.TryGetValue("params", out var parameters)
                ? string.Join("&", ((YamlMappingNode)parameters).Children.SelectMany(kv =>
                    ((YamlSequenceNode)kv.Value).Children.Select(v => $"{((YamlScalarNode)kv.Key).Value}={((YamlScalarNode)v).Value}")))
                : "";
            var url = $"http://{deps.RabbitHost}:15692{path}?{query}";
            var response = await http.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: is the rabbitmq_prometheus plugin on (infra/deps.sh enables it)?");
            names.UnionWith(ExpositionNames(await response.Content.ReadAsStringAsync()));
        }
        return names;
    }

    private static void RecordZero(Instrument instrument)
    {
        switch (instrument)
        {
            case Counter<long> c: c.Add(0); break;
            case Counter<int> c: c.Add(0); break;
            case Counter<double> c: c.Add(0); break;
            case UpDownCounter<long> u: u.Add(0); break;
            case UpDownCounter<int> u: u.Add(0); break;
            case UpDownCounter<double> u: u.Add(0); break;
            case Histogram<long> h: h.Record(0); break;
            case Histogram<int> h: h.Record(0); break;
            case Histogram<double> h: h.Record(0); break;
            case { IsObservable: true }: break; // observed at the scrape itself
            default: throw new InvalidOperationException($"{instrument.Name}: {instrument.GetType().Name} is not handled by this test");
        }
    }

    /// <summary>The sample names of a Prometheus text exposition (x, x_total, x_bucket ...).</summary>
    private static HashSet<string> ExpositionNames(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => SampleName().Match(l).Value).ToHashSet();

    private static IEnumerable<string> DashboardQueries()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "infra", "grafana", "dashboards"), "*.json"))
        {
            using var dashboard = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in ComposeFileTests.Panels(dashboard.RootElement).Where(p => p.TryGetProperty("targets", out _)))
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    if (target.TryGetProperty("expr", out var expr)) yield return expr.GetString()!;
                }
            }
        }
    }

    /// <summary>The metric names of a PromQL expression: identifiers that are not functions, keywords, labels or durations.</summary>
    internal static IEnumerable<string> MetricNames(string expression)
    {
        var bare = LabelMatchers().Replace(expression, " ");
        bare = Ranges().Replace(bare, " ");
        bare = Groupings().Replace(bare, " ");
        return Identifiers().Matches(bare).Select(m => m.Value).Where(name => !PromQlWords.Contains(name)).Distinct();
    }

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Microservices.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    [GeneratedRegex(@"(?<![\w:.])(?>[a-zA-Z_:][a-zA-Z0-9_:]*)(?!\s*\()")]
    private static partial Regex Identifiers();
}
