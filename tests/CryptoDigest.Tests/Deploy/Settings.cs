using System.Text.Json;
using System.Text.RegularExpressions;

namespace CryptoDigest.Tests.Deploy;

/// <summary>
/// The settings keys appsettings.example.json lists (every key the bot reads), and the check that an
/// environment variable in .NET's Section__Key form names one of them; list indexes match any index.
/// </summary>
internal static partial class Settings
{
    /// <summary>Environment variables that are not settings of ours but are read by .NET or OpenTelemetry.</summary>
    private static readonly HashSet<string> PlatformVariables = ["ASPNETCORE_URLS", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_SERVICE_NAME"];

    private static readonly Lazy<IReadOnlySet<string>> ExampleKeys = new(() =>
    {
        using var example = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Find("appsettings.example.json")), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Flatten(example.RootElement, string.Empty, keys);
        return keys;
    });

    /// <summary>The configuration key an environment variable sets: Section__Key becomes Section:Key.</summary>
    public static string KeyOf(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Null when <paramref name="variable"/> names a real setting, else why not.</summary>
    public static string? Problem(string variable, string where)
    {
        if (PlatformVariables.Contains(variable) || variable.StartsWith("DOTNET_", StringComparison.Ordinal))
        {
            return null;
        }

        var key = KeyOf(variable);
        return ExampleKeys.Value.Contains(AnyIndex().Replace(key, ":#"))
            ? null
            : $"{where} sets {variable}, but {key} is no setting in appsettings.example.json";
    }

    private static void Flatten(JsonElement element, string prefix, HashSet<string> keys)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", keys);
                }

                break;
            case JsonValueKind.Array:
                // An empty list is still a key (Market:ExcludedIds); its items are "#".
                keys.Add(prefix);
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + ":#", keys);
                }

                keys.Add(prefix + ":#");
                break;
            default:
                keys.Add(prefix);
                break;
        }
    }

    [GeneratedRegex(@":\d+(?=:|$)")]
    private static partial Regex AnyIndex();
}
