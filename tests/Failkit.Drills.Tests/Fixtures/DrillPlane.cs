// The shared tenant plane, under the name this project's tests have always used.
global using DrillPlane = Failkit.Testing.Plane.TenantPlaneHost;
