using System.Security.Cryptography;
using Failkit.Agent.Crypto;

namespace Failkit.Agent.Tests.Crypto;

public sealed class BlockCipherTests
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _block = RandomNumberGenerator.GetBytes(4096);

    [Fact]
    public void RoundTrip_ReturnsThePlaintext()
    {
        var stored = BlockCipher.Encrypt(_key, 5, "p1", _block, out var nonce);
        Assert.Equal(nonce, stored[..BlockCipher.NonceSize]);
        Assert.Equal(_block, BlockCipher.Decrypt(_key, 5, "p1", stored));
    }

    [Fact]
    public void BlockMovedToAnotherIndexOrPoint_FailsAuthentication()
    {
        var stored = BlockCipher.Encrypt(_key, 5, "p1", _block, out _);
        Assert.Null(BlockCipher.Decrypt(_key, 6, "p1", stored));
        Assert.Null(BlockCipher.Decrypt(_key, 5, "p2", stored));
    }

    [Fact]
    public void SameBlockTwice_GetsDifferentNonces()
    {
        BlockCipher.Encrypt(_key, 1, "p", _block, out var first);
        BlockCipher.Encrypt(_key, 1, "p", _block, out var second);
        Assert.NotEqual(first, second);
    }
}
