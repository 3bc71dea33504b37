using k8s.Models;

namespace Failkit.Orchestration;

/// <summary>The tenant plane's Deployment: non-root, read-only root filesystem, no privilege escalation,
/// no capabilities, bounded resources, and the connection string read from the tenant's Secret.</summary>
internal static class KubernetesDeployment
{
    public static V1Deployment Render(
        TenantWorkload tenant, string name, string ns, IDictionary<string, string> labels, KubernetesOrchestratorOptions options)
    {
        var args = new List<string> { "--urls", $"http://0.0.0.0:{options.ContainerPort}" };
        args.AddRange(tenant.HostArgs);
        var container = new V1Container
        {
            Name = "host",
            Image = tenant.Image ?? options.Image,
            Args = args,
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = options.ContainerPort, Protocol = "TCP" }],
            Env =
            [
                new V1EnvVar
                {
                    Name = "ConnectionStrings__Failkit",
                    ValueFrom = new V1EnvVarSource
                    {
                        SecretKeyRef = new V1SecretKeySelector { Name = $"{name}-db", Key = KubernetesManifests.SecretKey },
                    },
                },
                new V1EnvVar { Name = "Failkit__Role", Value = "tenant" },
                new V1EnvVar { Name = "Failkit__Tenant__Slug", Value = tenant.Slug },
                .. tenant.HostSettings.Keys.Select(key => new V1EnvVar
                {
                    Name = TenantWorkload.EnvironmentName(key),
                    ValueFrom = new V1EnvVarSource
                    {
                        SecretKeyRef = new V1SecretKeySelector { Name = $"{name}-db", Key = TenantWorkload.EnvironmentName(key) },
                    },
                }),
            ],
            SecurityContext = new V1SecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = options.RunAsUser,
                AllowPrivilegeEscalation = false,
                ReadOnlyRootFilesystem = true,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
            },
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(options.CpuRequest),
                    ["memory"] = new(options.MemoryRequest),
                },
                Limits = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(options.CpuLimit),
                    ["memory"] = new(options.MemoryLimit),
                },
            },
            ReadinessProbe = Probe(),
            LivenessProbe = Probe(),
            // The root filesystem is read-only; .NET still needs a writable temp folder.
            VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
        };

        return new V1Deployment
        {
            Metadata = KubernetesManifests.Meta(name, ns, labels),
            Spec = new V1DeploymentSpec
            {
                Replicas = options.Replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string>(labels) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = name,
                        AutomountServiceAccountToken = false,
                        // Service links would put other Services' addresses into the environment; the plane needs none.
                        EnableServiceLinks = false,
                        SecurityContext = new V1PodSecurityContext
                        {
                            RunAsNonRoot = true,
                            RunAsUser = options.RunAsUser,
                            RunAsGroup = options.RunAsUser,
                            FsGroup = options.RunAsUser,
                            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                        },
                        Containers = [container],
                        Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } }],
                    },
                },
            },
        };
    }

    private static V1Probe Probe() => new()
    {
        HttpGet = new V1HTTPGetAction { Path = "/health", Port = "http" },
        PeriodSeconds = 10,
        FailureThreshold = 3,
    };
}
