using CryptoDigest.Briefs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Discord;

/// <summary>Adds the Discord adapter: settings, the rate-limited REST client, the endpoint's handler, the channel sender, and the gateway for link scanning.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>Registers the adapter; needs the application's services (AddCryptoDigest) for the router and subscriptions.</summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>()
            .Bind(configuration.GetSection(DiscordOptions.SectionName))
            .ValidateSettings();
        services.AddSingleton<DiscordRateLimiter>();
        services.AddSingleton<DiscordAnswerSlots>();
        services.AddHttpClient<DiscordRestClient>((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<IOptions<DiscordOptions>>().Value.ApiBaseUri;
                http.DefaultRequestHeaders.UserAgent.ParseAdd(DiscordRestClient.UserAgent);
                http.Timeout = TimeSpan.FromSeconds(30);
            })
            // Interaction webhook URLs carry the interaction token: no request logging of URLs.
            .RemoveAllLoggers();
        services.AddTransient<DiscordInteractionHandler>();
        services.AddTransient<DiscordChannelSender>();
        services.AddTransient<IBriefChannel, DiscordBriefChannel>();
        services.AddTransient<DiscordCommandRegistrar>();
        AddGateway(services);
        return services;
    }

    // The gateway for link scanning: registered always, it connects only when Discord:Gateway:Enabled is true.
    private static void AddGateway(IServiceCollection services)
    {
        services.TryAddSingleton(_ => new DiscordGatewayJitter());
        services.AddSingleton<DiscordGatewayLease>();
        services.AddSingleton<DiscordMessageScanner>();
        services.AddSingleton<DiscordGatewayService>();
        services.AddHostedService(sp => sp.GetRequiredService<DiscordGatewayService>());
    }

    /// <summary>Maps POST /discord/interactions, the URL to give as the application's Interactions Endpoint URL.</summary>
    public static IEndpointConventionBuilder MapDiscordInteractions(this IEndpointRouteBuilder endpoints, string pattern = "/discord/interactions") =>
        endpoints.MapPost(pattern, (HttpContext context, [FromServices] DiscordInteractionHandler handler) => handler.HandleAsync(context));
}
