using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Streaming.ServiceDefaults;
using Streaming.Tenancy;

namespace Streaming.TestSupport;

/// <summary>
/// Keys and the catalog for the tests that are not about them, in one place: every test host of ingest or the
/// gateway gets the operator key <see cref="OperatorKey"/> through <see cref="RealDependencies.ServiceSettings"/>, and
/// <see cref="Apply"/> adds a step in front of the service that plays the operator and the clients:
/// <list type="bullet">
/// <item>a request without <c>Authorization</c> gets a real key: a <c>player</c> ingest key on
/// <c>/v1/events/playback</c>, a <c>billing</c> one on <c>/v1/events/subscription</c> (both issued through the store
/// the first time), the operator key elsewhere;</item>
/// <item>the titles (playback) and channels (subscription) such a posted batch names are put into the catalog first,
/// under the distributor <see cref="DistributorId"/>, when they are valid ids the catalog does not hold yet.</item>
/// </list>
/// A request that brings its own key passes untouched: its test sets up keys and catalog itself; so do the dashboard's
/// sign-in (<c>/v1/session</c>) and every request carrying its session cookie, so a browser signs in for real.
/// So the service checks keys and the catalog for real, and the tests keep their events and their numbers. Tests of
/// keys and the catalog themselves use hosts without this step.
/// </summary>
public static class TestTenancy
{
    /// <summary>The operator key of every test host (not a secret: tests only).</summary>
    public const string OperatorKey = "test-operator-key-not-a-secret";

    public const string DistributorId = "test-distributor";

    private const int MostBytesRead = 4 * 1024 * 1024;

    public static void Apply(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new Filter()));

    /// <summary>
    /// Puts titles and channels into the catalog of a service's namespace now (the host's Redis and namespace, the
    /// distributor <see cref="DistributorId"/>), and reloads its cache: for a test that posts while Redis is away,
    /// when the step in front of the service cannot register anything.
    /// </summary>
    public static async Task RegisterAsync(IServiceProvider services, IEnumerable<string> titleIds, IEnumerable<string> channelIds)
    {
        var store = services.GetRequiredService<TenancyStore>();
        await store.CreateDistributorAsync(DistributorId, "Tests"); // null when it exists: fine
        if (!await store.PutTitlesAsync(DistributorId, titleIds) || !await store.PutChannelsAsync(DistributorId, channelIds))
        {
            throw new InvalidOperationException($"the test distributor {DistributorId} is missing");
        }
        await services.GetRequiredService<TenancyCache>().RefreshAsync();
    }

    /// <summary>A new key of <paramref name="kind"/> (player, billing) issued in a service's namespace, seen by its cache at once.</summary>
    public static async Task<string> IngestKeyAsync(IServiceProvider services, string kind)
    {
        var key = await services.GetRequiredService<TenancyStore>().AddIngestKeyAsync(kind, "tests");
        await services.GetRequiredService<TenancyCache>().RefreshAsync();
        return key.Token;
    }

    /// <summary>A new access key of the distributor <see cref="DistributorId"/> in a service's namespace, seen by its cache at once.</summary>
    public static async Task<string> AccessKeyAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<TenancyStore>();
        await store.CreateDistributorAsync(DistributorId, "Tests"); // null when it exists: fine
        var key = await store.AddAccessKeyAsync(DistributorId) ?? throw new InvalidOperationException($"the test distributor {DistributorId} is missing");
        await services.GetRequiredService<TenancyCache>().RefreshAsync();
        return key.Token;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            var clients = new Clients(app.ApplicationServices);
            app.Use(async (http, nextStep) =>
            {
                await clients.PrepareAsync(http);
                await nextStep(http);
            });
            next(app);
        };
    }

    private sealed class Clients(IServiceProvider services)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<string, string> _ingestKeys = [];

        private TenancyCache Cache => services.GetRequiredService<TenancyCache>();

        public async Task PrepareAsync(HttpContext http)
        {
            var path = http.Request.Path;
            var (kind, field) = path.Equals("/v1/events/playback", StringComparison.Ordinal) ? (KeyKinds.Player, "titleId")
                : path.Equals("/v1/events/subscription", StringComparison.Ordinal) ? (KeyKinds.Billing, "channelId")
                : (null, null);
            if (!string.IsNullOrEmpty(http.Request.Headers.Authorization) || http.Request.Cookies.ContainsKey(ClientCredential.SessionCookie) ||
                http.Request.Query.ContainsKey("key") || path.StartsWithSegments("/v1/session", StringComparison.Ordinal))
            {
                return; // a test that brings its own key (header, session cookie, ingest's key query parameter) sets up its own catalog
            }
            http.Request.Headers.Authorization = "Bearer " + (kind is null ? OperatorKey : await IngestKeyAsync(kind));
            if (field is not null && HttpMethods.IsPost(http.Request.Method))
            {
                await RegisterAsync(http.Request, field);
            }
        }

        private async Task<string> IngestKeyAsync(string kind)
        {
            await _gate.WaitAsync();
            try
            {
                if (!_ingestKeys.TryGetValue(kind, out var key))
                {
                    _ingestKeys[kind] = key = await TestTenancy.IngestKeyAsync(services, kind);
                }
                return key;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Reads the body (kept for the service), and puts the ids of <paramref name="field"/> it names into the catalog.</summary>
        private async Task RegisterAsync(HttpRequest request, string field)
        {
            var maxBytes = services.GetRequiredService<IConfiguration>().GetValue("Ingest:MaxBodyBytes", 1024 * 1024);
            if (request.ContentLength > maxBytes) return; // ingest refuses it unread
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrelLimit)
            {
                kestrelLimit.MaxRequestBodySize = null; // as ingest does: its own limit answers, not Kestrel's
            }
            request.EnableBuffering();
            var body = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0 && body.Length <= MostBytesRead)
            {
                body.Write(chunk, 0, read);
            }
            request.Body.Position = 0;
            if (body.Length > MostBytesRead) return; // over every limit: ingest refuses it before reading an event

            var ids = IdsIn(body.ToArray(), field).Where(id => !(field == "titleId" ? Cache.Current.HasTitle(id) : Cache.Current.HasChannel(id))).ToList();
            if (ids.Count == 0) return;
            await TestTenancy.RegisterAsync(services, field == "titleId" ? ids : [], field == "titleId" ? [] : ids);
        }

        private static HashSet<string> IdsIn(byte[] utf8, string field)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                using var document = JsonDocument.Parse(utf8.AsMemory(utf8.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0));
                var root = document.RootElement;
                var events = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
                foreach (var e in events)
                {
                    if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String &&
                        TryText(value) is { } id && Identifier.IsValid(id))
                    {
                        ids.Add(id);
                    }
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // not a batch: ingest answers 400 without reading an event
            }
            return ids;
        }

        private static string? TryText(JsonElement value)
        {
            try
            {
                return value.GetString();
            }
            catch (InvalidOperationException)
            {
                return null; // not valid Unicode
            }
        }
    }
}
