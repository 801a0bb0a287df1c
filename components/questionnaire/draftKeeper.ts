/**
 * The questionnaire's only script, inline and progressive: while the patient types, the answers are kept in
 * the browser's localStorage under this page's address, and put back into empty fields when the page opens
 * again — so a dropped connection or a closed tab loses nothing. After a successful send the page clears them.
 * Without JavaScript the form works the same, only without the draft.
 */
export function draftKeeperScript(formId: string, clear: boolean): string {
  if (clear) return "try{localStorage.removeItem('mild-q:'+location.pathname)}catch(e){}";
  return `(function(){try{var k='mild-q:'+location.pathname,f=document.getElementById(${JSON.stringify(formId)});if(!f)return;
var d=JSON.parse(localStorage.getItem(k)||'{}');
Array.prototype.forEach.call(f.elements,function(el){if(!el.name||!(el.name in d))return;
if(el.type==='radio'){if(!f.querySelector('input[name="'+el.name+'"]:checked')&&el.value===d[el.name])el.checked=true;}
else if(el.value==='')el.value=d[el.name];});
f.addEventListener('input',function(){var o={};Array.prototype.forEach.call(f.elements,function(el){if(!el.name)return;
if(el.type==='radio'){if(el.checked)o[el.name]=el.value;}else if(el.value!=='')o[el.name]=el.value;});
localStorage.setItem(k,JSON.stringify(o));});
var s=document.getElementById('q-summary');if(s)s.focus();}catch(e){}})();`;
}
