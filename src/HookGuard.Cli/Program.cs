using System.Text;
using HookGuard.Cli;

if (args is ["scan", "staged" or "push" or "range" or "history", ..] or ["hook", ..])
{
    HookGuard.Git.GitLibrary.LoadInBackground();
}

Console.OutputEncoding = new UTF8Encoding(false);
var context = new CliContext(
    Environment.CurrentDirectory,
    Environment.GetEnvironmentVariable,
    new DeferredReader(() => Console.In),
    Console.Out,
    Console.Error,
    ErrorIsTerminal: !Console.IsErrorRedirected,
    OutIsTerminal: !Console.IsOutputRedirected);
return CliApplication.Run(args, context);
