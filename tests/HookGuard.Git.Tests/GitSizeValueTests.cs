using HookGuard.TestKit;

namespace HookGuard.Git.Tests;

/// <summary><c>hookguard.maxFileSize</c> is read as <c>git config --type=int</c> reads a value; git itself is the reference.</summary>
[TestFixture]
public sealed class GitSizeValueTests
{
    private static readonly string[] Values =
    [
        "0", "1", "2048", "1k", "1K", "10m", "10M", "1g", "1G", "+7", "-1", "-2k", " 5m", "0x400", "0X1f", "010", "0k",
        "08", "0x", "0xg", "1.5m", "1kb", "1 k", "k", "abc", "12q", "", "-", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "8589934592g", "8589934591g", "99999999999999999999",
    ];

    private TempRepository _repository = null!;

    [OneTimeSetUp]
    public void SetUp() => _repository = TempRepository.Create();

    [OneTimeTearDown]
    public void TearDown() => _repository.Dispose();

    [TestCaseSource(nameof(Values))]
    public void TryParse_Value_AgreesWithGitConfigTypeInt(string value)
    {
        Assert.That(_repository.Git("config", "hookguard.maxFileSize", value).ExitCode, Is.Zero);
        var git = _repository.Git("config", "--type=int", "hookguard.maxFileSize");

        var parsed = GitSizeValue.TryParse(value, out var bytes);

        Assert.That(parsed, Is.EqualTo(git.ExitCode == 0), git.StandardError);
        if (parsed)
        {
            Assert.That(bytes.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(git.StandardOutput.Trim()));
        }
    }

    [Test]
    public void TryParse_Null_IsFalse() => Assert.That(GitSizeValue.TryParse(null, out _), Is.False);
}
