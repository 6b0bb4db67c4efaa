using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace CryptoDigest.Tests.Deploy;

/// <summary>
/// A YAML file of deploy/ read as plain maps, lists and strings (YamlDotNet, merge keys resolved as
/// docker compose resolves them), one entry per document, with small accessors that fail naming the path.
/// </summary>
internal static class DeployFile
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    /// <summary>Every document of the file at <paramref name="relativePath"/> (from the repository's top).</summary>
    public static IReadOnlyList<Dictionary<string, object?>> Documents(string relativePath)
    {
        using var reader = new StringReader(File.ReadAllText(RepositoryFiles.Find(relativePath)));
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<Dictionary<string, object?>>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = Yaml.Deserialize<object?>(parser);
            documents.Add(Assert.IsType<Dictionary<string, object?>>(Normalize(document), exactMatch: false));
        }

        return documents;
    }

    /// <summary>The one document of a file that holds one.</summary>
    public static Dictionary<string, object?> Single(string relativePath) => Assert.Single(Documents(relativePath));

    /// <summary>The map at a dotted path (e.g. "spec.template.spec").</summary>
    public static Dictionary<string, object?> Map(this Dictionary<string, object?> map, string path) =>
        Assert.IsType<Dictionary<string, object?>>(Node(map, path), exactMatch: false);

    /// <summary>The list at a dotted path.</summary>
    public static List<object?> List(this Dictionary<string, object?> map, string path) =>
        Assert.IsType<List<object?>>(Node(map, path), exactMatch: false);

    /// <summary>The maps of the list at a dotted path.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> Maps(this Dictionary<string, object?> map, string path) =>
        map.List(path).Select(item => Assert.IsType<Dictionary<string, object?>>(item, exactMatch: false)).ToList();

    /// <summary>The scalar at a dotted path, as YAML wrote it.</summary>
    public static string Text(this Dictionary<string, object?> map, string path) =>
        Assert.IsType<string>(Node(map, path));

    /// <summary>The scalar at a dotted path, or null when a step is missing.</summary>
    public static string? TextOrNull(this Dictionary<string, object?> map, string path) =>
        TryNode(map, path) as string;

    /// <summary>The node at a dotted path, or null when a step is missing.</summary>
    public static object? TryNode(this Dictionary<string, object?> map, string path)
    {
        object? node = map;
        foreach (var step in path.Split('.'))
        {
            if (node is not Dictionary<string, object?> current || !current.TryGetValue(step, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static int Number(this Dictionary<string, object?> map, string path) =>
        int.Parse(map.Text(path), CultureInfo.InvariantCulture);

    private static object Node(Dictionary<string, object?> map, string path) =>
        TryNode(map, path) ?? throw new Xunit.Sdk.XunitException($"'{path}' is missing");

    // Keys as strings, so paths read the same whatever type YamlDotNet gave them.
    private static object? Normalize(object? node) => node switch
    {
        IDictionary<object, object?> map => map.ToDictionary(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture)!, e => Normalize(e.Value)),
        IList<object?> list => list.Select(Normalize).ToList(),
        _ => node,
    };
}
