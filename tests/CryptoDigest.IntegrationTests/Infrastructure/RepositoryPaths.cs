namespace CryptoDigest.IntegrationTests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Host's build output, built with the tests because this project references it.</summary>
    public static string HostAssembly => Path.Combine(AppContext.BaseDirectory, "CryptoDigest.Host.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Bot.sln was not found above " + AppContext.BaseDirectory);
    }
}
