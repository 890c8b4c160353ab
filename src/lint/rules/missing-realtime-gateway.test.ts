import rule from './missing-realtime-gateway';
import { sketch, testRule } from '../testing';

const realtime = { features: { realtime: true } };

testRule(rule, {
  valid: [
    {
      name: 'no push needed',
      board: sketch('client:client app:service', 'client>app', { features: { realtime: false } }),
    },
    {
      name: 'clients connect to a gateway',
      board: sketch('client:client ws:realtime-gateway app:service', 'client>ws:websocket ws>app', realtime),
    },
    {
      name: 'clients reach the gateway through a load balancer',
      board: sketch('client:client lb:load-balancer ws:realtime-gateway*3', 'client>lb lb>ws', realtime),
    },
    {
      name: 'the gateway is drawn pushing to the client',
      board: sketch('client:client app:service ws:realtime-gateway', 'client>app app>ws ws>client', realtime),
    },
  ],
  invalid: [
    {
      name: 'push required, nothing holds connections',
      board: sketch('client:client app:service', 'client>app', realtime),
      findings: [{ blocks: [] }],
    },
    {
      name: 'a gateway that no client connects to',
      board: sketch('client:client app:service ws:realtime-gateway', 'client>app app>ws', realtime),
      findings: [{ blocks: ['ws'], message: 'no client connects to' }],
    },
  ],
});
