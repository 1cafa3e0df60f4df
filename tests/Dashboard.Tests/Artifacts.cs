namespace Streaming.Dashboard.Tests;

/// <summary>Where screenshots go: the repository's .artifacts/test-results, beside the TRX files of infra/test.sh.</summary>
public static class Artifacts
{
    public static string PathOf(string fileName)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Microservices.sln")))
        {
            directory = directory.Parent;
        }
        var results = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, ".artifacts", "test-results");
        Directory.CreateDirectory(results);
        return Path.Combine(results, fileName);
    }
}
