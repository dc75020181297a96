import { runWithShims } from '../property/recording-shims';
it('detects a wrongly quoted script', () => {
  const r = runWithShims('dash', "sleep 2; exec nginx 'a b' $HOME", 'nginx');
  console.log(JSON.stringify(r));
});
