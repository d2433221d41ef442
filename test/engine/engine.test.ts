// The private engines behave as the rest of the suite assumes: crun and runc are honoured per container,
// the no-crun engine refuses crun with the error fallback code keys on, and docker-py passes runtime= through.
import { afterAll, expect, it } from "vitest";
import { IMAGE, SYSTEM_PYTHON, describeEngine, dockerHost, engineClient, inspectRuntime, nocrunDockerHost, removeContainers, runPython } from "../helpers/engine.js";

const created: { id: string; host: string }[] = [];
afterAll(async () => {
  for (const { id, host } of created) await removeContainers([id], host);
});

describeEngine("private engine", () => {
  for (const runtime of ["crun", "runc"]) {
    it(`a container created with HostConfig.Runtime=${runtime} runs under ${runtime}`, async () => {
      const container = await engineClient().createContainer({
        Image: IMAGE,
        Cmd: ["sleep", "30"],
        HostConfig: { Runtime: runtime, NetworkMode: "none" },
      });
      created.push({ id: container.id, host: dockerHost() });
      await container.start();
      expect(await inspectRuntime(container.id)).toBe(runtime);
      expect((await container.inspect()).State.Running).toBe(true);
      await removeContainers([container.id]);
    });
  }

  it("the engine without crun refuses runtime crun with 'Unknown runtime'", async () => {
    const docker = engineClient(nocrunDockerHost());
    const attempt = docker.createContainer({ Image: IMAGE, Cmd: ["true"], HostConfig: { Runtime: "crun", NetworkMode: "none" } });
    await expect(attempt).rejects.toThrow(/Unknown runtime specified crun/);
    // …while runc still works there, which is what a fallback relies on.
    const container = await docker.createContainer({ Image: IMAGE, Cmd: ["true"], HostConfig: { Runtime: "runc", NetworkMode: "none" } });
    created.push({ id: container.id, host: nocrunDockerHost() });
    expect(await inspectRuntime(container.id, nocrunDockerHost())).toBe("runc");
  });

  it(`docker-py (${SYSTEM_PYTHON}) containers.create(runtime="crun") gets crun`, async () => {
    const script = [
      "import docker",
      "client = docker.from_env()",
      `c = client.containers.create(${JSON.stringify(IMAGE)}, ["sleep", "30"], runtime="crun", network_mode="none", detach=True)`,
      "c.start()",
      "c.reload()",
      "print(c.id, c.attrs['HostConfig']['Runtime'])",
    ].join("\n");
    const result = runPython(script);
    expect(result.status, result.stderr).toBe(0);
    const [id, runtime] = result.stdout.trim().split(" ");
    created.push({ id, host: dockerHost() });
    expect(runtime).toBe("crun");
    expect(await inspectRuntime(id)).toBe("crun");
  });

  it("docker-py against the engine without crun raises APIError naming the unknown runtime", () => {
    const script = [
      "import docker",
      "try:",
      `    docker.from_env().containers.create(${JSON.stringify(IMAGE)}, ["true"], runtime="crun", network_mode="none")`,
      "except docker.errors.APIError as error:",
      "    print('APIError', error.status_code, error.explanation)",
    ].join("\n");
    const result = runPython(script, { DOCKER_HOST: nocrunDockerHost() });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^APIError 400 Unknown runtime specified crun/);
  });
});
