const core=require('../../packages/core/dist/index.js');
const {builtinPolicies}=require('../../policies/dist/index.js');
const {createFactProvider, gatherFileFacts}=require('../../packages/inspect/dist/index.js');
const root='/tmp/bp';
const mode=process.argv[2];
const loaded=core.loadConfig(root);const config=core.resolveConfig(loaded,builtinPolicies);
const t0=process.hrtime.bigint();
const ms=()=>(Number(process.hrtime.bigint()-t0)/1e6).toFixed(0);
if(mode==='find'){const l=new Map();core.findPlanFiles([root],{root,listings:l});console.log('find',ms());}
if(mode==='files'){const l=new Map();const {files}=core.findPlanFiles([root],{root,listings:l});const a=ms();for(const f of files){gatherFileFacts(require('path').dirname(f),root,l)}console.log('find',a,'find+filefacts',ms());}
if(mode==='schema'){core.runCheck({root,paths:[root],config});console.log('schema-only runCheck',ms());}
if(mode==='nofacts'){core.runCheck({root,paths:[root],config,policies:builtinPolicies});console.log('policies without facts',ms());}
if(mode==='full'){core.runCheck({root,paths:[root],config,policies:builtinPolicies,facts:createFactProvider({})});console.log('full',ms());}
