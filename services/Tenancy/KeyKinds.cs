namespace Streaming.Tenancy;

/// <summary>
/// What a key lets its holder do: a distributor's <c>access</c> key reads that distributor's numbers; a <c>player</c>
/// key posts playback events, a <c>billing</c> key subscription events (ingest keys belong to no distributor).
/// </summary>
public static class KeyKinds
{
    public const string Access = "access";
    public const string Player = "player";
    public const string Billing = "billing";

    /// <summary>The kinds <c>POST /v1/admin/ingest-keys</c> issues.</summary>
    public static readonly IReadOnlyList<string> Ingest = [Player, Billing];

    /// <summary>The start of a key id, so a person reading one sees its kind.</summary>
    public static string Prefix(string kind) => kind switch
    {
        Access => "ak_",
        Player => "pk_",
        Billing => "bk_",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown key kind"),
    };
}
