namespace Streaming.Bench.LoadGen.Simulation;

/// <summary>Picks items with probability proportional to their weights.</summary>
public sealed class Weighted<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public Weighted(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.ToList();
        _items = list.Select(e => e.Item).ToArray();
        _cumulative = new double[list.Count];
        var sum = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            sum += list[i].Weight;
            _cumulative[i] = sum;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(Random random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        return _items[Math.Min(i >= 0 ? i : ~i, _items.Length - 1)];
    }
}
