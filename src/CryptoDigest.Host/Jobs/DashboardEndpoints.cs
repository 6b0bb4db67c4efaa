using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Host.Jobs;

/// <summary>
/// The Hangfire dashboard at /hangfire, only when Jobs:Dashboard:Enabled, behind HTTP basic
/// authentication with the configured credentials. Hangfire's default filter admits every
/// "local" request, which behind a same-host reverse proxy means everyone, so it is replaced.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<JobsOptions>>().Value.Dashboard;
        if (!options.Enabled)
        {
            return endpoints;
        }

        endpoints.MapHangfireDashboard("/hangfire", new Hangfire.DashboardOptions
        {
            Authorization = [new BasicAuthenticationFilter(options.Username!, options.Password!)],
            IsReadOnlyFunc = _ => options.ReadOnly,
            DisplayStorageConnectionString = false,
            AppPath = null,
        });
        return endpoints;
    }

    private sealed class BasicAuthenticationFilter(string username, string password) : IDashboardAuthorizationFilter
    {
        private readonly byte[] _expected = Encoding.UTF8.GetBytes($"{username}:{password}");

        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
                && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
                && TryDecode(header.Parameter, out var given)
                && CryptographicOperations.FixedTimeEquals(given, _expected))
            {
                return true;
            }

            http.Response.Headers.WWWAuthenticate = "Basic realm=\"CryptoDigest jobs\", charset=\"UTF-8\"";
            return false;
        }

        private static bool TryDecode(string? parameter, out byte[] credentials)
        {
            credentials = [];
            if (parameter is null)
            {
                return false;
            }

            var buffer = new byte[parameter.Length];
            if (!Convert.TryFromBase64String(parameter, buffer, out var written))
            {
                return false;
            }

            credentials = buffer[..written];
            return true;
        }
    }
}
