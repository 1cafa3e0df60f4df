namespace Streaming.Bench.LoadGen.Benchmark;

/// <summary>Synthetic traffic of one run, serialised into request bodies before the clock starts.</summary>
public interface ISyntheticLoad
{
    /// <summary>The random run tag in every id, so runs never mix.</summary>
    string Tag { get; }

    /// <summary>The titles the events name: put into the catalog before they are sent (ingest rejects others).</summary>
    IReadOnlyCollection<string> TitleIds { get; }

    /// <summary>The channels subscription events name: put into the catalog before they are sent.</summary>
    IReadOnlyCollection<string> ChannelIds { get; }

    /// <summary>Serialises events [0, events) into request bodies of <paramref name="batch"/> events.</summary>
    List<RequestBatch> Generate(int events, int batch, SlabBuffer slabs);
}
