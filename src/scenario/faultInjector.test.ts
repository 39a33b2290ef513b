import { FaultInjector } from './faultInjector';
import { loadScenarioCheck, ScenarioError } from './loadScenario';

describe('FaultInjector', () => {
  it('draws latency within the range and errors at about the rate, the same for the same seed', () => {
    const draws = (seed: number) => {
      const injector = new FaultInjector({ latency: '50-400', errorRate: 0.1 }, seed);
      return Array.from({ length: 2000 }, () => injector.draw('getJob'));
    };
    const faults = draws(42);
    expect(faults.every((f) => f.latencyMs >= 50 && f.latencyMs <= 400)).toBe(true);
    const errors = faults.filter((f) => f.error).length;
    expect(errors).toBeGreaterThan(140);
    expect(errors).toBeLessThan(260);
    expect(draws(42)).toEqual(faults);
    expect(draws(43)).not.toEqual(faults);
  });

  it('lets an operation override the general settings, and can be switched', () => {
    const injector = new FaultInjector({ latency: 100, operations: { executeJob: { latency: 0, errorRate: 1 } } }, 1);
    expect(injector.draw('getJob')).toEqual({ latencyMs: 100, error: false });
    expect(injector.draw('executeJob')).toEqual({ latencyMs: 0, error: true });
    injector.switchTo({});
    expect(injector.draw('executeJob')).toEqual({ latencyMs: 0, error: false });
  });
});

describe('loadScenarioCheck', () => {
  it("accepts a valid scenario and names every problem of a bad one, by the control spec's Scenario schema", async () => {
    const checkScenario = await loadScenarioCheck(['getJob']);
    expect(checkScenario({ latency: '50-400', operations: { getJob: { errorRate: 0.5 } } }, 'x')).toEqual({
      latency: '50-400',
      operations: { getJob: { errorRate: 0.5 } },
    });
    const bad = { latency: 'slow', errorRate: 2, operations: { deleteJob: {} } };
    expect(() => checkScenario(bad, 'the scenario file s.yaml')).toThrow(ScenarioError);
    const message = (() => {
      try {
        checkScenario(bad, 'the scenario file s.yaml');
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/^the scenario file s\.yaml: not a valid scenario:/);
    expect(message).toMatch(/\/errorRate: scenario at \/errorRate must be <= 1 \(rule: maximum\)/);
    expect(message).toMatch(/\/latency: scenario at \/latency must be milliseconds.*\(rule: pattern\)/);
    expect(message).toMatch(/deleteJob/);
  });
});
