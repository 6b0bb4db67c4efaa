using CryptoDigest.Host;

return await HostCommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
