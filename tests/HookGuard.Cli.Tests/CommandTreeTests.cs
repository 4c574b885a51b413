using HookGuard.Cli;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Tests;

/// <summary>
/// CliApplication runs a parsed command without McMaster's DataAnnotations validation, whose ValidationContext is not
/// trim-safe (the Native AOT build would warn). That is only right while no command, option or argument has a validator.
/// </summary>
public sealed class CommandTreeTests
{
    [Test]
    public void Build_EveryCommandOptionAndArgument_HasNoValidator()
    {
        using var app = CliApplication.Build(new CliContext(Path.GetTempPath(), _ => null, TextReader.Null, TextWriter.Null, TextWriter.Null, false));
        var checkedCommands = 0;
        foreach (var command in Walk(app))
        {
            checkedCommands++;
            Assert.That(command.Validators, Is.Empty, $"command '{command.Name}' has a validator");
            foreach (var option in command.Options)
            {
                Assert.That(option.Validators, Is.Empty, $"option '{option.LongName}' of '{command.Name}' has a validator");
            }

            foreach (var argument in command.Arguments)
            {
                Assert.That(argument.Validators, Is.Empty, $"argument '{argument.Name}' of '{command.Name}' has a validator");
            }
        }

        Assert.That(checkedCommands, Is.GreaterThan(15), "the walk should reach every subcommand");
    }

    [TestCase("scan staged", true)]
    [TestCase("scan push", true)]
    [TestCase("scan range", true)]
    [TestCase("scan history", true)]
    [TestCase("hook", true)]
    [TestCase("scan path", false)]
    [TestCase("scan stdin", false)]
    [TestCase("explain", false)]
    [TestCase("install", false)]
    public void ScansGitChanges_NamesCommandsOfTheTree(string command, bool readsGit)
    {
        // The list that starts libgit2 loading early must name commands that exist, or it silently stops helping.
        using var app = CliApplication.Build(new CliContext(Path.GetTempPath(), _ => null, TextReader.Null, TextWriter.Null, TextWriter.Null, false));
        var names = command.Split(' ');
        var found = names.Aggregate((CommandLineApplication?)app, (parent, name) => parent?.Commands.SingleOrDefault(c => c.Name == name));

        Assert.That(found, Is.Not.Null, $"no command '{command}'");
        Assert.That(CliApplication.ScansGitChanges([.. names, "--format", "json"]), Is.EqualTo(readsGit));
    }

    private static IEnumerable<CommandLineApplication> Walk(CommandLineApplication command) =>
        new[] { command }.Concat(command.Commands.SelectMany(Walk));
}
