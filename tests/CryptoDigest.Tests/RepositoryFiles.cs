namespace CryptoDigest.Tests;

/// <summary>Finds files and folders of the repository (the folder holding Bot.sln) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The full path of a file or folder given relative to the repository's top.</summary>
    public static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relativePath);
            if ((File.Exists(candidate) || Directory.Exists(candidate)) && File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} was not found above the test folder.");
    }
}
