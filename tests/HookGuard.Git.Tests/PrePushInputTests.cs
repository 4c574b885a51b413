using HookGuard.Detectors;
using HookGuard.TestKit;
using static HookGuard.Git.Tests.Commits;

namespace HookGuard.Git.Tests;

[TestFixture]
public sealed class PrePushInputTests
{
    // Plain ids, built at test time: a hex digit repeated.
    private static readonly string Zeros = new('0', 40);
    private static readonly string IdA = new('a', 40);
    private static readonly string IdB = new('b', 40);
    private static readonly string IdC = new('c', 40);

    [Test]
    public void Parse_SeveralLines_ReturnsEveryUpdateInOrder()
    {
        var input = $"refs/heads/main {IdA} refs/heads/main {IdB}\nrefs/heads/feature {IdC} refs/heads/feature {Zeros}\n";

        var updates = PrePushInput.Parse(new StringReader(input));

        Assert.That(updates, Is.EqualTo(new[]
        {
            new PushUpdate("refs/heads/main", IdA, "refs/heads/main", IdB),
            new PushUpdate("refs/heads/feature", IdC, "refs/heads/feature", Zeros),
        }));
        Assert.That(updates[1].IsNewRemoteRef, Is.True);
        Assert.That(updates[0].IsNewRemoteRef || updates[0].IsDeletion, Is.False);
    }

    [Test]
    public void Parse_BlankLinesAndCrlf_AreIgnored()
    {
        var input = $"\r\nrefs/heads/main {IdA} refs/heads/main {IdB}\r\n   \n\nrefs/tags/v1 {IdC} refs/tags/v1 {Zeros}";

        var updates = PrePushInput.Parse(new StringReader(input));

        Assert.That(string.Join(", ", updates.Select(update => update.LocalRef)), Is.EqualTo("refs/heads/main, refs/tags/v1"));
        Assert.That(updates[0].RemoteSha, Is.EqualTo(IdB));
    }

    [Test]
    public void Parse_EmptyInput_ReturnsNothing() =>
        Assert.That(PrePushInput.Parse(new StringReader("")), Is.Empty);

    [Test]
    public void Parse_DeletionLine_IsDeletion()
    {
        var updates = PrePushInput.Parse(new StringReader($"(delete) {Zeros} refs/heads/old {IdA}\n"));

        Assert.That(updates.Single().IsDeletion, Is.True);
        Assert.That(updates.Single().IsNewRemoteRef, Is.False);
    }

    [Test]
    public void Parse_LocalSideWithSpaces_IsKeptWhole()
    {
        // git writes what the user named when the source is not a ref, e.g. git push origin 'HEAD^{/fix the build}':refs/heads/x.
        var updates = PrePushInput.Parse(new StringReader($"HEAD^{{/fix the build}} {IdA} refs/heads/x {Zeros}\n"));

        Assert.That(updates.Single(), Is.EqualTo(new PushUpdate("HEAD^{/fix the build}", IdA, "refs/heads/x", Zeros)));
    }

    [TestCase("alpha beta gamma")]
    [TestCase("refs/heads/main not-an-id refs/heads/main not-an-id")]
    [TestCase("refs/heads/main 0123 refs/heads/main 4567")]
    [TestCase("refs/heads/main  {0} refs/heads/main {0}")]
    public void Parse_MalformedLine_ThrowsUsageExceptionNamingTheLineNumberNotItsText(string badLine)
    {
        var line = string.Format(badLine, IdA);
        var input = $"refs/heads/main {IdA} refs/heads/main {IdB}\n\n{line}\n";

        var exception = Assert.Throws<HookGuardUsageException>(() => PrePushInput.Parse(new StringReader(input)));

        Assert.That(exception!.Message, Is.EqualTo(
            "unreadable pre-push input line 3: expected '<local ref> <local sha> <remote ref> <remote sha>'"));
    }

    [Test]
    public void Parse_WhatGitWritesForANewBranch_IsOneUpdateWithTheLocalCommit()
    {
        using var repository = TempRepository.Create();
        repository.AddBareRemote();
        var commit = CommitFile(repository, "a.txt", "alpha\n");

        var invocation = repository.CapturePrePush("origin", "main");
        var updates = PrePushInput.Parse(new StringReader(invocation.Input));

        Assert.That(invocation.Remote, Is.EqualTo("origin"));
        Assert.That(updates, Is.EqualTo(new[] { new PushUpdate("refs/heads/main", commit, "refs/heads/main", Zeros) }));
    }
}
