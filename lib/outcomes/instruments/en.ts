/**
 * The built-in English instrument file. NPRS and the Patient Global Impression of Change are free to use. The
 * ODI's section titles and its 0–5 scoring are facts; its official answer wording is licensed (Mapi Research
 * Trust), so the answers here are our own neutral short texts, graded from no limitation (0) to the most (5).
 * A clinic holding the licence drops the official wording in as an override file (README: Instrument files).
 */
import type { InstrumentFile } from "./instrumentSchema";

const PAIN_ANCHORS = { lowAnchor: "No pain", highAnchor: "Worst pain imaginable" };

export const ENGLISH: InstrumentFile = {
  language: "en",
  source: "MILD Outcomes neutral wording (ODI answers are not the licensed ODI text)",
  nprsBack: { question: "How bad is the pain in your back?", ...PAIN_ANCHORS },
  nprsLeg: { question: "How bad is the pain in your legs?", ...PAIN_ANCHORS },
  odi: {
    title: "Everyday activities (Oswestry Disability Index)",
    instructions: "For each part, choose the one answer that best describes you today.",
    sections: [
      {
        id: "pain_intensity",
        title: "Pain intensity",
        answers: ["No pain", "Mild pain", "Moderate pain", "Strong pain", "Very strong pain", "The worst pain I can imagine"],
      },
      {
        id: "personal_care",
        title: "Personal care (washing, dressing)",
        answers: [
          "I manage as usual, without extra pain",
          "I manage as usual, but it hurts",
          "I manage slowly and carefully because of pain",
          "I need a little help",
          "I need help with most of it",
          "I cannot manage it",
        ],
      },
      {
        id: "lifting",
        title: "Lifting",
        answers: [
          "I lift heavy things without extra pain",
          "I lift heavy things, but it hurts",
          "Pain stops me lifting heavy things from the floor",
          "I lift only light or medium things",
          "I lift only very light things",
          "I cannot lift anything",
        ],
      },
      {
        id: "walking",
        title: "Walking",
        answers: [
          "Pain does not limit my walking",
          "Pain limits long walks",
          "Pain limits walks of moderate length",
          "Pain limits even short walks",
          "I walk only with a stick or crutches",
          "I hardly walk at all",
        ],
      },
      {
        id: "sitting",
        title: "Sitting",
        answers: [
          "I sit as long as I like in any chair",
          "I sit as long as I like in my favourite chair",
          "Pain limits my sitting to about an hour",
          "Pain limits my sitting to about half an hour",
          "Pain limits my sitting to a few minutes",
          "Pain stops me sitting at all",
        ],
      },
      {
        id: "standing",
        title: "Standing",
        answers: [
          "I stand as long as I like without extra pain",
          "I stand as long as I like, but it hurts",
          "Pain limits my standing to about an hour",
          "Pain limits my standing to about half an hour",
          "Pain limits my standing to a few minutes",
          "Pain stops me standing at all",
        ],
      },
      {
        id: "sleeping",
        title: "Sleeping",
        answers: [
          "Pain does not disturb my sleep",
          "Pain sometimes disturbs my sleep",
          "I sleep a little less because of pain",
          "I sleep much less because of pain",
          "I sleep very little because of pain",
          "Pain stops me sleeping at all",
        ],
      },
      {
        id: "sex_life",
        title: "Sex life (if it applies)",
        answers: [
          "Unchanged, without extra pain",
          "Unchanged, but it hurts",
          "Nearly unchanged, but it hurts a lot",
          "Much restricted by pain",
          "Nearly absent because of pain",
          "Pain prevents it",
        ],
      },
      {
        id: "social_life",
        title: "Social life",
        answers: [
          "Unchanged, without extra pain",
          "Unchanged, but it hurts more",
          "Pain limits only my more active interests",
          "Pain limits my social life; I go out less",
          "Pain keeps my social life to my home",
          "I have no social life because of pain",
        ],
      },
      {
        id: "travelling",
        title: "Travelling",
        answers: [
          "I travel anywhere without extra pain",
          "I travel anywhere, but it hurts",
          "Pain is bad, but I manage journeys over two hours",
          "Pain limits my journeys to under an hour",
          "Pain limits me to short, necessary journeys",
          "Pain stops me travelling except for medical care",
        ],
      },
    ],
  },
  walkingTolerance: {
    question: "How long can you walk before pain or other symptoms make you stop?",
    unit: "minutes",
    hint: "Your best guess in minutes. 0 if you cannot walk at all.",
  },
  standingTolerance: {
    question: "How long can you stand before pain or other symptoms make you sit down?",
    unit: "minutes",
    hint: "Your best guess in minutes. 0 if you cannot stand at all.",
  },
  pgic: {
    question: "Since your procedure, how would you describe the change in your back and leg symptoms?",
    answers: ["Very much improved", "Much improved", "Minimally improved", "No change", "Minimally worse", "Much worse", "Very much worse"],
  },
  page: {
    diaryHeading: "Your back and legs today, {date}",
    followUpHeading: "How you are doing now",
    submit: "Send my answers",
    thanks: "Thank you. Your answers have reached {clinicName}.",
    alreadyReceived: "We already have these answers. Thank you.",
    unavailable: "This link cannot be used. If you were expecting a questionnaire, please contact your clinic.",
  },
  messages: {
    invitation: {
      subject: "A short questionnaire from {clinicName}",
      body: "Dear {firstName},\n\n{clinicName} would like to know how you are doing since your procedure. The questionnaire takes about five minutes:\n\n{link}\n\nThe link is for you only; please do not forward this message.\n\nIf you no longer wish to receive these messages: {optOutLink}",
    },
    reminder: {
      subject: "Reminder: a short questionnaire from {clinicName}",
      body: "Dear {firstName},\n\nA few days ago {clinicName} sent you a short questionnaire about how you are doing. If you have a moment, you can still answer it here:\n\n{link}\n\nIf you no longer wish to receive these messages: {optOutLink}",
    },
    diary: {
      subject: "How is your back today? ({clinicName})",
      body: "Dear {firstName},\n\nThree quick questions about your back and legs today, for {clinicName}. It takes less than a minute:\n\n{link}\n\nIf you no longer wish to receive these messages: {optOutLink}",
    },
  },
};
