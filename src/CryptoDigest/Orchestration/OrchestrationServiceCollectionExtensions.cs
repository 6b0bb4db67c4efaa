using CryptoDigest.Archive;
using CryptoDigest.Briefs;
using CryptoDigest.Indices;
using CryptoDigest.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace CryptoDigest.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Semantic Kernel with the Newsletters, Indices and Security plugins: what a model is
    /// offered, each function a thin wrapper over the service a chat command calls for the same answer.
    /// The plugins are built once; each request gets a fresh, cheap <see cref="Kernel"/> over them,
    /// which is how Semantic Kernel expects a kernel to be shared. A configured model (AI:Endpoint,
    /// registered by AddAi) sees exactly the read-only functions ModelAnswerer lists.
    /// </summary>
    public static IServiceCollection AddOrchestration(this IServiceCollection services)
    {
        services.AddSingleton<NewslettersPlugin>();
        services.AddSingleton<IndicesPlugin>();
        services.AddSingleton<SecurityPlugin>();
        services.AddSingleton(sp => new KernelPluginCollection(
        [
            KernelPluginFactory.CreateFromObject(sp.GetRequiredService<NewslettersPlugin>(), NewslettersPlugin.PluginName),
            KernelPluginFactory.CreateFromObject(sp.GetRequiredService<IndicesPlugin>(), IndicesPlugin.PluginName),
            KernelPluginFactory.CreateFromObject(sp.GetRequiredService<SecurityPlugin>(), SecurityPlugin.PluginName),
            KernelPluginFactory.CreateFromObject(sp.GetRequiredService<ArchivePlugin>(), ArchivePlugin.PluginName),
        ]));
        services.AddTransient(sp => new Kernel(sp, new KernelPluginCollection(sp.GetRequiredService<KernelPluginCollection>())));
        services.AddSingleton<AnswerLimits>();
        services.AddTransient<ModelAnswerer>();
        services.AddTransient<ArchiveModelAnswerer>();
        return services;
    }
}
