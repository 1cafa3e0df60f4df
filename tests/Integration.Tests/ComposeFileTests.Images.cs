using System.Text.RegularExpressions;

namespace Streaming.Integration.Tests;

/// <summary>
/// Images: the compose file and Testcontainers run the same ones, every base image has an exact version, and the
/// Dockerfiles restore in a layer of their own and run as an unprivileged user.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] Dockerfiles = ["infra/service.Dockerfile", "bench/LoadGen/Dockerfile"];

    private static string[] Lines(string relativePath) => File.ReadAllLines(Path.Combine(Root, relativePath));

    /// <summary>The image of each FROM line, in order.</summary>
    private static string[] BaseImages(string dockerfile) =>
        Lines(dockerfile).Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToArray();

    [Fact]
    public void Testcontainers_start_the_images_the_compose_file_runs()
    {
        Assert.Equal(RealDependencies.RabbitMqImage, Scalar(Service("rabbitmq")["image"]));
        Assert.Equal(RealDependencies.RedisImage, Scalar(Service("redis")["image"]));
    }

    [Fact]
    public void Every_image_has_an_exact_version()
    {
        var images = Services().Children.Values.Cast<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .Where(s => s.Children.ContainsKey("image")).Select(s => Scalar(s["image"]))
            .Concat(Dockerfiles.SelectMany(BaseImages))
            .ToList();

        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.Matches(ExactTag(), image));
    }

    [Fact]
    public void Dockerfiles_build_on_one_SDK_and_run_on_its_runtime()
    {
        var images = Dockerfiles.SelectMany(BaseImages).ToList();

        Assert.Single(images.Where(i => i.Contains("/sdk:", StringComparison.Ordinal)).Distinct());
        Assert.Single(images.Where(i => !i.Contains("/sdk:", StringComparison.Ordinal)).Select(i => i.Split(':')[1]).Distinct());
    }

    [Fact]
    public void Dockerfiles_restore_from_project_files_alone_before_copying_the_source()
    {
        foreach (var dockerfile in Dockerfiles)
        {
            var lines = Lines(dockerfile);
            var restore = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
            var copies = lines.Select((line, i) => (line, i)).Where(c => c.line.StartsWith("COPY ", StringComparison.Ordinal)).ToList();

            Assert.True(restore > 0, $"{dockerfile} has no restore step of its own");
            Assert.Contains(copies, c => c.i < restore && c.line == "COPY --from=projects /src ./");
            Assert.Contains(lines, l => l == "RUN find . -type f ! -name '*.csproj' ! -name '*.props' -delete");
            Assert.Contains(copies, c => c.i > restore && !c.line.Contains("--from", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal) && l.Contains(" --no-restore", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Images_run_as_an_unprivileged_user()
    {
        foreach (var dockerfile in Dockerfiles)
        {
            var lines = Lines(dockerfile);
            var finalStage = Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal));

            Assert.Equal(["USER $APP_UID"], lines[finalStage..].Where(l => l.StartsWith("USER ", StringComparison.Ordinal)));
        }
    }

    /// <summary>A tag with a full version, such as 10.0.12-noble, v2.55.1 or 3.13.7-management; not 10.0 or latest.</summary>
    [GeneratedRegex(@":v?\d+\.\d+\.\d+(-[a-z0-9.]+)?$")]
    private static partial Regex ExactTag();
}
