using CryptoDigest.Host;

// Every Regex built without its own timeout gets this one, so no pattern over untrusted text can
// run unbounded; it must be set before the first Regex is made (docs/hardening.md).
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(2));

return await HostCommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
