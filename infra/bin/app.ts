import { makeWeibaoApp } from '../lib/weibao-app.ts';

// Context: -c stage=dev -c account=123456789012 -c region=us-east-1 -c webOrigin=https://…
// -c intakeDomain=… (see docs/deploy.md). cdk-nag findings fail the synth.
makeWeibaoApp().app.synth();
