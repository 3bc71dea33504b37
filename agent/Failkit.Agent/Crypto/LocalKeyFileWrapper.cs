using System.Security.Cryptography;

namespace Failkit.Agent.Crypto;

/// <summary>
/// A 256-bit key-encryption key in a local file, for embedded mode and tests. The key id is a hash of
/// the key, so unwrapping with another file fails with a clear message rather than garbage.
/// </summary>
public sealed class LocalKeyFileWrapper : IKeyWrapper
{
    private readonly byte[] _kek;
    private readonly string _keyId;

    public LocalKeyFileWrapper(string path)
    {
        if (!File.Exists(path))
        {
            throw new AgentException($"local KMS key file '{path}' does not exist (create one with: protect --kms local:{path} --create-key)");
        }

        try
        {
            _kek = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new AgentException($"local KMS key file '{path}' is not a base64 256-bit key");
        }

        if (_kek.Length != 32)
        {
            throw new AgentException($"local KMS key file '{path}' must hold 32 bytes, it holds {_kek.Length}");
        }

        _keyId = "local:" + Convert.ToHexStringLower(SHA256.HashData(_kek))[..16];
    }

    public string Provider => "local";

    public static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public Task<WrappedKey> WrapAsync(byte[] dataKey, CancellationToken ct)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var sealedKey = new byte[12 + dataKey.Length + 16];
        nonce.CopyTo(sealedKey, 0);
        using var aes = new AesGcm(_kek, 16);
        aes.Encrypt(nonce, dataKey, sealedKey.AsSpan(12, dataKey.Length), sealedKey.AsSpan(12 + dataKey.Length), null);
        return Task.FromResult(new WrappedKey(Provider, _keyId, Convert.ToBase64String(sealedKey)));
    }

    public Task<byte[]> UnwrapAsync(WrappedKey key, CancellationToken ct)
    {
        if (key.KeyId != _keyId)
        {
            throw new AgentException($"wrong KMS key: the data key was wrapped by {key.KeyId}, this key file is {_keyId}");
        }

        var sealedKey = Convert.FromBase64String(key.Wrapped);
        var dataKey = new byte[sealedKey.Length - 28];
        using var aes = new AesGcm(_kek, 16);
        try
        {
            aes.Decrypt(sealedKey.AsSpan(0, 12), sealedKey.AsSpan(12, dataKey.Length), sealedKey.AsSpan(12 + dataKey.Length), dataKey, null);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new AgentException($"wrong KMS key: {_keyId} cannot unwrap the data key");
        }

        return Task.FromResult(dataKey);
    }
}
