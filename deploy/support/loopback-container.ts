import { GenericContainer } from 'testcontainers';

/** A container whose published ports bind to 127.0.0.1 only (testcontainers binds all interfaces). */
export class LoopbackContainer extends GenericContainer {
  protected override async beforeContainerCreated(): Promise<void> {
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {})) {
      for (const binding of bindings as { HostIp?: string }[]) binding.HostIp = '127.0.0.1';
    }
  }
}
