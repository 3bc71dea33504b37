namespace Failkit.Agent.Blocks;

public static class BlockSources
{
    /// <summary>Opens "vsphere://...", "hyperv://..." or a file/device path.</summary>
    public static IBlockSource Open(string disk)
    {
        try
        {
            if (disk.StartsWith("vsphere://", StringComparison.OrdinalIgnoreCase))
            {
                return new VSphereCbtSource(disk);
            }

            if (disk.StartsWith("hyperv://", StringComparison.OrdinalIgnoreCase))
            {
                return new HyperVRctSource(disk);
            }
        }
        catch (PlatformNotSupportedException ex)
        {
            throw new AgentException(ex.Message);
        }

        return FileBlockSource.Open(disk);
    }
}
