using System.Globalization;

namespace Streaming.Bench.LoadGen;

/// <summary>
/// The command line: a command word, then <c>--name value</c> pairs (a bare <c>--name</c> means "true").
/// Every option a command reads must be declared by reading it; <see cref="RejectUnknown"/> then names the typos.
/// </summary>
public sealed class Args
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Command { get; }
    public bool WantsHelp { get; }

    private Args(string command, bool wantsHelp)
    {
        Command = command;
        WantsHelp = wantsHelp;
    }

    public static Args Parse(string[] argv)
    {
        var help = argv.Any(a => a is "--help" or "-h" or "help");
        var args = new Args(argv.Length > 0 && !argv[0].StartsWith('-') ? argv[0] : "", help);
        for (var i = args.Command.Length > 0 ? 1 : 0; i < argv.Length; i++)
        {
            if (argv[i] is "--help" or "-h" or "help")
            {
                continue;
            }
            if (!argv[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{argv[i]}' (options look like --name value)");
            }
            var hasValue = i + 1 < argv.Length && !argv[i + 1].StartsWith("--", StringComparison.Ordinal);
            args._values[argv[i][2..]] = hasValue ? argv[++i] : "true";
        }
        return args;
    }

    public string String(string name, string fallback)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value : fallback;
    }

    public int Int(string name, int fallback, int min = int.MinValue) => (int)Long(name, fallback, min);

    public long Long(string name, long fallback, long min = long.MinValue)
    {
        var text = String(name, fallback.ToString(CultureInfo.InvariantCulture));
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new ArgumentException($"--{name} must be an integer ≥ {min}, not '{text}'");
        }
        return value;
    }

    public double Double(string name, double fallback, double min)
    {
        var text = String(name, fallback.ToString(CultureInfo.InvariantCulture));
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new ArgumentException($"--{name} must be a number ≥ {min}, not '{text}'");
        }
        return value;
    }

    public Uri Url(string name, string fallback)
    {
        var text = String(name, fallback);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--{name} must be an http(s) URL, not '{text}'");
        }
        return uri;
    }

    /// <summary>Call after reading every option: an option nobody read is a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).Select(k => "--" + k).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option(s) for '{Command}': {string.Join(", ", unknown)}");
        }
    }
}
