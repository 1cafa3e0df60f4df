namespace Streaming.Bench.LoadGen.Simulation;

public sealed record Title(string TitleId, string? SeasonId, int RuntimeSeconds);

/// <summary>
/// What the simulated viewers watch: 16 movies and 24 series episodes (4 series, 2 seasons of 3 episodes), with
/// Zipf popularity (weight 1/rank) over a seeded shuffle, so a few titles dominate as on a real service.
/// Title ids are stable across runs so the gateway's rankings accumulate.
/// </summary>
public sealed class Catalogue
{
    private readonly Weighted<Title> _byPopularity;

    private Catalogue(IReadOnlyList<Title> titles, Random random)
    {
        var ranked = titles.OrderBy(_ => random.Next()).ToList();
        _byPopularity = new Weighted<Title>(ranked.Select((t, rank) => (t, 1.0 / (rank + 1))));
    }

    public IReadOnlyList<Title> Titles => _byPopularity.Items;

    public static Catalogue Create(Random random)
    {
        var titles = new List<Title>();
        for (var m = 1; m <= 16; m++)
        {
            titles.Add(new Title($"sim-movie-{m:D2}", null, random.Next(85, 160) * 60));
        }
        foreach (var series in new[] { "harbour", "orbit", "lantern", "citadel" })
        {
            for (var season = 1; season <= 2; season++)
            {
                for (var episode = 1; episode <= 3; episode++)
                {
                    titles.Add(new Title($"sim-{series}-s{season}e{episode}", $"sim-{series}-s{season}", random.Next(24, 58) * 60));
                }
            }
        }
        return new Catalogue(titles, random);
    }

    public Title Pick(Random random) => _byPopularity.Pick(random);
}
